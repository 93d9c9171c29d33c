import { Alert, Button, Card, Checkbox, Collapse, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { collectInput, type CollectInfo } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { opKey, useOp } from '../../api/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { BackLink, ConfirmDialog, DateText, ErrorState, FieldRow, FormAlert, LoadingState, MobileInput, Money, SubmitBar, formatPaise } from '../../components';
import { issuesToKeys } from '../../forms/issues';
import { errorText, tc } from './shared';
import { ApiCallError } from '../../api/client';

/**
 * Collect payment (SPEC §2.10, UI.md "Collect payment" and the cash-counter keys): the bill
 * summary with its breakdown, amount (full or custom, whole rupees ≤ the cap), mode, payer;
 * Ctrl+Enter opens the confirmation, Enter confirms, Esc cancels. The idempotency key is made
 * once per form, so a double click or a retry records one payment.
 */
export function CollectPaymentScreen() {
  const { connectionId = '' } = useParams();
  const q = useOp('collections.info', { connectionId });
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <CollectForm info={q.data} />;
}

type Values = { choice: 'full' | 'custom'; custom: string; mode: string; payerName: string; payerMobile: string; confirmAdvance: boolean };

function CollectForm({ info }: { info: CollectInfo }) {
  const { t } = useTranslation('collections');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const due = Math.max(0, info.balancePaise);
  const dueRupees = Math.ceil(due / 100);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [v, setV] = useState<Values>({ choice: dueRupees > 0 ? 'full' : 'custom', custom: '', mode: info.modes[0] ?? 'CASH', payerName: '', payerMobile: '', confirmAdvance: false });
  const [errors, setErrors] = useState<Record<string, { key: string; params?: Record<string, string | number> }>>({});
  const [details, setDetails] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const customRef = useRef<HTMLInputElement>(null);
  const nothingDue = info.balancePaise <= 0;

  const input = () => ({
    connectionId: info.connectionId,
    amountRupees: v.choice === 'full' ? String(dueRupees) : v.custom,
    mode: v.mode,
    payerName: v.payerName,
    payerMobile: v.payerMobile,
    idempotencyKey,
    ...(nothingDue ? { confirmAdvance: v.confirmAdvance } : {}),
  });
  const amountRupees = Number(input().amountRupees);

  const check = (): boolean => {
    const r = collectInput.safeParse(input());
    const found: Record<string, { key: string }> = r.success ? {} : issuesToKeys(r.error.issues);
    if (nothingDue && !v.confirmAdvance) found['confirmAdvance'] = { key: 'collections.errors.nothingDue' };
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const openConfirm = () => {
    setFormError(null);
    if (info.blocked) return;
    if (check()) setConfirming(true);
  };

  const collect = async () => {
    setBusy(true);
    try {
      const r = await api.call('collections.collect', input());
      await Promise.all((['collections.receipts', 'collections.info', 'collections.register', 'consumers.get'] as const).map((op) => queryClient.invalidateQueries({ queryKey: opKey(op) })));
      navigate(`/collections/receipts/${r.paymentId}/success`, { replace: true });
    } catch (err) {
      setConfirming(false);
      if (err instanceof ApiCallError && err.fields && Object.keys(err.fields).length) setErrors(err.fields);
      else setFormError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  // Cash-counter keys: Ctrl+Enter collect, Alt+F full amount, Alt+C custom amount.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'Enter') { e.preventDefault(); if (!confirming) openConfirm(); }
      else if (e.altKey && (e.key === 'f' || e.key === 'F') && dueRupees > 0) { e.preventDefault(); setV((p) => ({ ...p, choice: 'full' })); }
      else if (e.altKey && (e.key === 'c' || e.key === 'C')) { e.preventDefault(); setV((p) => ({ ...p, choice: 'custom' })); setTimeout(() => customRef.current?.focus(), 0); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const err = (name: string) => (errors[name] ? tc(t, errors[name]!.key, errors[name]!.params) : undefined);

  return (
    <>
      <BackLink />
      <Card padding={32} mb="md">
        <Text fz={14} c="#505A5F">{t('screen.connectionId')}</Text>
        <Title order={1} fz={24} fw={700}>{info.connectionNo}</Title>
        <Text fz={16} mt={4}>{t('screen.consumerName')}: <b>{info.consumerName}</b></Text>
      </Card>

      <Card padding={32} mb="md">
        <Group justify="space-between">
          <Text fz={20} fw={700}>
            {info.balancePaise >= 0 ? t('screen.totalDue') : t('screen.advanceHeld')} <Money paise={Math.abs(info.balancePaise)} />
          </Text>
          {info.lines.length > 0 && (
            <Button variant="subtle" color="#C8602B" onClick={() => setDetails(!details)} aria-expanded={details}>
              {details ? t('screen.hideDetails') : t('screen.viewDetails')}
            </Button>
          )}
        </Group>
        <Collapse expanded={details}>
          <Table mt="md" striped>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('screen.period')}</Table.Th><Table.Th>{t('screen.head')}</Table.Th><Table.Th ta="right">{t('screen.outstanding')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {info.lines.map((l, i) => (
                <Table.Tr key={i}>
                  <Table.Td><DateText value={l.periodFrom} /> – <DateText value={l.periodTo} /></Table.Td>
                  <Table.Td>{t(`heads.${l.taxHead}`)}</Table.Td>
                  <Table.Td ta="right"><Money paise={l.outstandingPaise} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Collapse>
      </Card>

      <Card padding={32} mb="md">
        {info.blocked && <Alert color="red" mb="md">{t('screen.blocked')}</Alert>}
        {nothingDue && !info.blocked && (
          <Alert color="yellow" mb="md">
            <Stack gap="xs">
              <Text>{t('screen.nothingDue')}</Text>
              <Checkbox
                label={t('screen.confirmAdvance')}
                checked={v.confirmAdvance}
                onChange={(e) => setV({ ...v, confirmAdvance: e.currentTarget.checked })}
                error={err('confirmAdvance')}
              />
            </Stack>
          </Alert>
        )}
        <form onSubmit={(e) => { e.preventDefault(); openConfirm(); }}>
          <FieldRow id="collect-amount" label={t('screen.paymentAmount')} required>
            <Radio.Group value={v.choice} onChange={(c) => setV({ ...v, choice: c as Values['choice'] })}>
              <Stack gap="sm">
                {dueRupees > 0 && <Radio value="full" label={<>{t('screen.fullAmount')} — {formatPaise(dueRupees * 100)}</>} title="Alt+F" />}
                <Group gap="sm" align="flex-start">
                  <Radio value="custom" label={t('screen.customAmount')} title="Alt+C" mt={8} />
                  <TextInput
                    ref={customRef}
                    id="collect-amount"
                    aria-label={t('screen.customAmount')}
                    leftSection="₹"
                    inputMode="numeric"
                    w={200}
                    value={v.custom}
                    onFocus={() => setV((p) => ({ ...p, choice: 'custom' }))}
                    onChange={(e) => setV({ ...v, choice: 'custom', custom: e.currentTarget.value })}
                    error={v.choice === 'custom' ? err('amountRupees') : undefined}
                  />
                </Group>
                {v.choice === 'full' && err('amountRupees') && <Text c="red" fz={14}>{err('amountRupees')}</Text>}
              </Stack>
            </Radio.Group>
          </FieldRow>
          <FieldRow id="collect-mode" label={t('screen.paymentMethod')} required>
            <Radio.Group value={v.mode} onChange={(m) => setV({ ...v, mode: m })} error={err('mode')}>
              <Group>{info.modes.map((m) => <Radio key={m} value={m} label={t(`modes.${m}`)} />)}</Group>
            </Radio.Group>
          </FieldRow>
          <FieldRow id="collect-payer" label={t('screen.payerName')}>
            <TextInput id="collect-payer" value={v.payerName} onChange={(e) => setV({ ...v, payerName: e.currentTarget.value })} error={err('payerName')} maxLength={50} />
          </FieldRow>
          <FieldRow id="collect-mobile" label={t('screen.payerMobile')}>
            <MobileInput id="collect-mobile" value={v.payerMobile} onChange={(e) => setV({ ...v, payerMobile: e.currentTarget.value })} error={err('payerMobile')} />
          </FieldRow>
          {formError && <FormAlert>{formError}</FormAlert>}
          <SubmitBar label={<>{t('screen.collect')} <Text span fz={12} ml={8} opacity={0.8}>{t('screen.collectShortcut')}</Text></>} disabled={info.blocked} loading={busy} />
        </form>
      </Card>

      <ConfirmDialog
        opened={confirming}
        title={t('screen.confirmTitle')}
        value={Number.isFinite(amountRupees) ? formatPaise(amountRupees * 100) : ''}
        confirmLabel={t('screen.confirm')}
        loading={busy}
        onConfirm={() => void collect()}
        onCancel={() => setConfirming(false)}
      >
        <Text>{info.connectionNo} · {info.consumerName}</Text>
      </ConfirmDialog>
    </>
  );
}
