import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { asLanguage } from '../../i18n';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TariffOut, TariffRowOut } from '@mgramseva/core/contracts';
import { useOp, useOpMutation } from '../../api/hooks';
import { BackLink, DateText, ErrorState, FormAlert, LoadingState, SubmitBar, notify } from '../../components';
import { cycleLabel, errorText, fieldErrors } from './shared';

/**
 * The tariff editor (SPEC §4.1, Part A.3; GP admin): rates per property × connection type,
 * slabs for metered rows, the late-payment penalty and the due days. Saving stores a NEW
 * version effective from the chosen month (this month or later); the history stays listed.
 * Amounts are typed in rupees and kept in paise.
 */
export function TariffEditorScreen() {
  const q = useOp('billing.tariffs.get', {});
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <Editor initial={q.data.current.tariff} nextCycle={q.data.nextCycle} history={q.data.history} />;
}

const toRupees = (p: number) => p / 100;
/** `YYYY-MM` plus k months. */
const addMonth = (month: string, k: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + k;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
const toPaise = (r: string | number) => Math.round(Number(r || 0) * 100);

function Editor({ initial, nextCycle, history }: { initial: TariffOut; nextCycle: string; history: { id: string | null; effectiveFrom: string | null; createdAt: string | null }[] }) {
  const { t, i18n } = useTranslation('billing');
  const lang = asLanguage(i18n.language);
  const [tariff, setTariff] = useState<TariffOut>(() => structuredClone(initial));
  const [effectiveFrom, setEffectiveFrom] = useState(nextCycle);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useOpMutation('billing.tariffs.update', { invalidates: ['billing.tariffs.get', 'billing.rateInfo'] });
  const months = [-1, 0, 1, 2].map((k) => addMonth(nextCycle, k));

  const setRow = (i: number, patch: Partial<TariffRowOut>) => setTariff((x) => ({ ...x, rows: x.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const rowErrors = (i: number) => Object.entries(errors).filter(([k]) => k.startsWith(`rows.${i}.`) || k === `tariff.rows.${i}`).map(([, v]) => v);

  const submit = async () => {
    setErrors({});
    setFormError(null);
    try {
      await save.mutateAsync({ effectiveFrom, tariff });
      notify.success(t('screen.tariff.saved', { month: cycleLabel(lang, effectiveFrom) }));
    } catch (e) {
      const f = fieldErrors(e);
      setErrors(Object.fromEntries(Object.entries(f).map(([k, v]) => [k.replace(/^tariff\./, ''), v])));
      setFormError(errorText(t, e));
    }
  };

  return (
    <>
      <BackLink />
      <Card padding={32} mb="md">
        <Title order={1} fz={24}>{t('screen.tariff.title')}</Title>
        <Text c="#505A5F" mb="md">{t('screen.tariff.subtitle')}</Text>
        <Group mb="md">
          <Select label={t('screen.tariff.effectiveFrom')} data={months.map((m) => ({ value: m, label: cycleLabel(lang, m) }))} value={effectiveFrom} onChange={(v) => setEffectiveFrom(v ?? nextCycle)} allowDeselect={false} error={errors['effectiveFrom']} />
          <NumberInput label={t('screen.tariff.dueDays')} value={tariff.dueDays} min={1} max={90} onChange={(v) => setTariff({ ...tariff, dueDays: Number(v) || 15 })} w={140} />
        </Group>
        <Stack gap="lg">
          {tariff.rows.map((r, i) => (
            <Card key={i} withBorder padding="md">
              <Group align="flex-end">
                <TextInput label={t('screen.demand.buildingType')} value={r.propertyType} onChange={(e) => setRow(i, { propertyType: e.currentTarget.value.toUpperCase() })} w={180} />
                <Select label={t('screen.demand.serviceType')} data={[{ value: 'Metered', label: t('doc.metered') }, { value: 'Non_Metered', label: t('doc.nonMetered') }]} value={r.connectionType} onChange={(v) => setRow(i, { connectionType: (v as TariffRowOut['connectionType']) ?? 'Non_Metered', slabs: v === 'Metered' && r.slabs.length === 0 ? [{ from: 0, to: 1_000_000, ratePaise: 0 }] : v === 'Metered' ? r.slabs : [] })} allowDeselect={false} w={170} />
                <NumberInput label={r.connectionType === 'Metered' ? t('screen.tariff.minimumCharge') : t('screen.demand.monthlyCharge')} prefix="₹" decimalScale={2} min={0} value={toRupees(r.minimumChargePaise)} onChange={(v) => setRow(i, { minimumChargePaise: toPaise(v) })} w={170} />
                <Button variant="subtle" color="red" onClick={() => setTariff({ ...tariff, rows: tariff.rows.filter((_, j) => j !== i) })}>{t('screen.tariff.removeRow')}</Button>
              </Group>
              {r.connectionType === 'Metered' && (
                <Table mt="sm" withTableBorder>
                  <Table.Thead><Table.Tr><Table.Th>{t('screen.tariff.from')}</Table.Th><Table.Th>{t('screen.tariff.to')}</Table.Th><Table.Th>{t('screen.tariff.ratePerUnit')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {r.slabs.map((s, k) => (
                      <Table.Tr key={k}>
                        <Table.Td><NumberInput value={s.from} min={0} onChange={(v) => setRow(i, { slabs: r.slabs.map((x, j) => (j === k ? { ...x, from: Number(v) || 0 } : x)) })} error={!!errors[`rows.${i}.slabs.${k}`]} /></Table.Td>
                        <Table.Td><NumberInput value={s.to} min={0} onChange={(v) => setRow(i, { slabs: r.slabs.map((x, j) => (j === k ? { ...x, to: Number(v) || 0 } : x)) })} error={!!errors[`rows.${i}.slabs.${k}`]} /></Table.Td>
                        <Table.Td><NumberInput prefix="₹" decimalScale={2} value={toRupees(s.ratePaise)} onChange={(v) => setRow(i, { slabs: r.slabs.map((x, j) => (j === k ? { ...x, ratePaise: toPaise(v) } : x)) })} /></Table.Td>
                        <Table.Td><ActionIcon variant="subtle" color="red" aria-label={t('screen.tariff.removeSlab')} onClick={() => setRow(i, { slabs: r.slabs.filter((_, j) => j !== k) })}>✕</ActionIcon></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {r.connectionType === 'Metered' && (
                <Button variant="subtle" color="#C8602B" px={0} mt={4} onClick={() => { const last = r.slabs[r.slabs.length - 1]; setRow(i, { slabs: [...r.slabs, { from: last?.to ?? 0, to: (last?.to ?? 0) + 10, ratePaise: 0 }] }); }}>{t('screen.tariff.addSlab')}</Button>
              )}
              {rowErrors(i).map((m) => <Text key={m} c="red" fz={14}>{m}</Text>)}
            </Card>
          ))}
          <Button variant="outline" onClick={() => setTariff({ ...tariff, rows: [...tariff.rows, { propertyType: '', connectionType: 'Non_Metered', minimumChargePaise: 0, slabs: [] }] })}>{t('screen.tariff.addRow')}</Button>
        </Stack>
        <Title order={2} fz={20} mt="lg" mb="sm">{t('screen.tariff.penaltyTitle')}</Title>
        <Group align="flex-end">
          <Select label={t('screen.tariff.penaltyType')} data={[{ value: 'Fixed', label: t('screen.tariff.percent') }, { value: 'FLAT', label: t('screen.tariff.flat') }]} value={tariff.penalty.type} onChange={(v) => setTariff({ ...tariff, penalty: { ...tariff.penalty, type: (v as 'Fixed' | 'FLAT') ?? 'Fixed' } })} allowDeselect={false} w={280} />
          {tariff.penalty.type === 'Fixed' ? (
            <NumberInput label={t('screen.tariff.rate')} suffix=" %" min={0} max={100} value={tariff.penalty.rate} onChange={(v) => setTariff({ ...tariff, penalty: { ...tariff.penalty, rate: Number(v) || 0 } })} w={140} />
          ) : (
            <NumberInput label={t('screen.tariff.amount')} prefix="₹" decimalScale={2} min={0} value={toRupees(tariff.penalty.amountPaise)} onChange={(v) => setTariff({ ...tariff, penalty: { ...tariff.penalty, amountPaise: toPaise(v) } })} w={140} />
          )}
          <NumberInput label={t('screen.tariff.afterDays')} min={0} max={365} value={tariff.penalty.applicableAfterDays} onChange={(v) => setTariff({ ...tariff, penalty: { ...tariff.penalty, applicableAfterDays: Number(v) || 0 } })} w={160} />
        </Group>
        <Text c="#505A5F" fz={14} mt="xs">{t('screen.tariff.penaltyOff')}</Text>
        {formError && <FormAlert>{formError}</FormAlert>}
      </Card>
      {history.length > 0 && (
        <Card padding={32} mb="md">
          <Title order={2} fz={20} mb="sm">{t('screen.tariff.history')}</Title>
          {history.map((h) => <Text key={h.id}>{h.effectiveFrom && cycleLabel(lang, h.effectiveFrom)} · <DateText value={h.createdAt} withTime /></Text>)}
        </Card>
      )}
      <SubmitBar label={t('screen.tariff.save')} loading={save.isPending} onClick={() => void submit()} />
    </>
  );
}
