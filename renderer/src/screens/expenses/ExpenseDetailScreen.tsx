import { Button, Checkbox, Group, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { opKey, useOp } from '../../api/hooks';
import {
  BackLink, ConfirmDialog, DateText, ErrorState, FieldRow, FormAlert, FormSection, LabelValue, LoadingState, MobileInput, notify, PageCard, SubmitBar,
  DateField,
} from '../../components';
import { formatDate, formatPaise } from '../../format';
import { expenseDateErrors, todayInKolkata, updateExpenseInput, type ExpenseDetail, type ExpenseEventInfo } from '@mgramseva/core/contracts';
import { PickedFiles, StoredFiles, type PickedFile } from './Attachments';
import { callErrors, ExpenseStatusChip, useExpenseT, zodErrors, type FieldErrors } from './common';

/** Open an expense bill (SPEC §2.12 "Update/modify"): edit if unpaid, mark paid, cancel, files, history. */
export function ExpenseDetailScreen() {
  const { id = '' } = useParams();
  const q = useOp('expenses.get', { id });
  if (q.isLoading) return <LoadingState />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <ExpenseView key={`${q.data.id}-${q.data.history.length}`} d={q.data} />;
}

function ExpenseView({ d }: { d: ExpenseDetail }) {
  const { t, tk } = useExpenseT();
  const queryClient = useQueryClient();
  const today = todayInKolkata(new Date());
  const initial = {
    vendorName: d.vendorName, vendorMobile: '', amountRupees: String(d.amountPaise / 100), billDate: d.billDate,
    partyBillDate: d.partyBillDate ?? '', periodFrom: d.periodFrom, periodTo: d.periodTo,
  };
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [paidDate, setPaidDate] = useState(today);
  const [confirmPaid, setConfirmPaid] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [newFiles, setNewFiles] = useState<PickedFile[]>([]);
  const vendorChanged = v.vendorName.trim().toLowerCase() !== d.vendorName.toLowerCase();

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: opKey('expenses.get') });
    await queryClient.invalidateQueries({ queryKey: opKey('expenses.search') });
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFormError(null);
    try {
      await fn();
      notify.success(done);
      await refresh();
    } catch (err) {
      const { fields, form } = callErrors(tk, err);
      setErrors(fields);
      setFormError(form);
    } finally {
      setBusy(false);
      setConfirmPaid(false);
      setConfirmCancel(false);
    }
  };

  const save = () => {
    const input = {
      id: d.id,
      ...(vendorChanged ? { vendorName: v.vendorName, vendorMobile: v.vendorMobile || undefined } : {}),
      amountRupees: v.amountRupees === '' ? Number.NaN : Number(v.amountRupees),
      billDate: v.billDate, partyBillDate: v.partyBillDate || null, periodFrom: v.periodFrom, periodTo: v.periodTo,
    };
    const parsed = updateExpenseInput.safeParse(input);
    const found = parsed.success ? {} : zodErrors(tk, parsed.error.issues);
    for (const [f, key] of Object.entries(expenseDateErrors({ ...input, partyBillDate: input.partyBillDate }, today))) found[f] ??= tk(key);
    setErrors(found);
    if (Object.keys(found).length) return;
    void act(() => api.call('expenses.update', input), t('screen.save'));
  };

  const field = (name: keyof typeof initial, required: boolean, type = 'date') => (
    <FieldRow id={`x-${name}`} label={t(`field.${name}`)} required={required}>
      <TextInput id={`x-${name}`} type={type} max={type === 'date' ? today : undefined} value={v[name]} disabled={!d.editable}
        onChange={(e) => setV({ ...v, [name]: e.currentTarget.value })} error={errors[name]} w={type === 'date' ? 220 : undefined} />
    </FieldRow>
  );

  return (
    <>
      <BackLink to="/expenses/search" />
      <PageCard title={t('screen.editTitle')} subtitle={<Group gap="sm"><span>{t('field.billNo')}: <b>{d.billNo}</b></span><ExpenseStatusChip status={d.status} t={t} /></Group>}>
        <FormAlert>{formError}</FormAlert>
        {!d.editable && (
          <Text mb="md" c="#505A5F">
            {t('screen.readOnly', { status: t(`statusName.${d.status}`) })}
          </Text>
        )}
        <FormSection>
          <FieldRow id="x-type" label={t('field.typeCode')}>
            <TextInput id="x-type" value={t(`type.${d.typeCode}`)} disabled />
          </FieldRow>
          {field('vendorName', true, 'text')}
          <FieldRow id="x-mobile" label={t('field.vendorMobile')} required={vendorChanged}>
            <MobileInput id="x-mobile" value={vendorChanged ? v.vendorMobile : d.vendorMobile} disabled={!d.editable || !vendorChanged}
              onChange={(e) => setV({ ...v, vendorMobile: e.currentTarget.value })} error={errors['vendorMobile']} />
          </FieldRow>
          <FieldRow id="x-amount" label={t('field.amountRupees')} required>
            <TextInput id="x-amount" inputMode="numeric" leftSection="₹" maxLength={6} value={v.amountRupees} disabled={!d.editable}
              onChange={(e) => setV({ ...v, amountRupees: e.currentTarget.value.replace(/\D/g, '') })} error={errors['amountRupees']} w={220} />
          </FieldRow>
          {field('billDate', true)}
          {field('partyBillDate', false)}
          {field('periodFrom', true)}
          {field('periodTo', true)}
          {d.status === 'PAID' && <LabelValue label={t('field.paidDate')}><DateText value={d.paidDate} /> — {d.paidBy?.name}</LabelValue>}
          {d.status === 'CANCELLED' && <LabelValue label={t('field.reason')}>{d.cancelReason} — {d.cancelledBy?.name}, <DateText value={d.cancelledAt} withTime /></LabelValue>}
          <FieldRow id="x-files" label={t('field.attachments')}>
            <Stack gap="sm">
              <StoredFiles files={d.attachments} onRemove={d.editable ? (a) => void act(() => api.call('expenses.removeAttachment', { id: d.id, attachmentId: a.id }), t('screen.remove')) : undefined} />
              {d.editable && (
                <>
                  <PickedFiles files={newFiles} onChange={setNewFiles} errors={errors} />
                  {newFiles.length > 0 && (
                    <Button w={200} loading={busy} onClick={() => void act(async () => {
                      await api.call('expenses.addAttachments', { id: d.id, attachments: newFiles.map((f) => ({ name: f.name, contentBase64: f.contentBase64 })) });
                      setNewFiles([]);
                    }, t('screen.addFiles'))}>
                      {t('screen.addFiles')}
                    </Button>
                  )}
                </>
              )}
            </Stack>
          </FieldRow>
        </FormSection>

        {d.editable && (
          <FormSection title={t('screen.markPaid')}>
            <Group align="flex-end">
              <DateField label={t('field.paidDate')} min={d.billDate} max={today} value={paidDate} onChange={setPaidDate} error={errors['paidDate']} w={220} />
              <Button variant="outline" onClick={() => setConfirmPaid(true)} disabled={!paidDate}>
                {t('screen.markPaid')}
              </Button>
            </Group>
          </FormSection>
        )}
        {d.editable && (
          <FormSection>
            <Checkbox label={t('screen.cancelBill')} checked={cancelling} onChange={(e) => setCancelling(e.currentTarget.checked)} />
            {cancelling && (
              <Group align="flex-end">
                <Textarea label={t('field.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors['reason']} maxLength={500} w={420} autosize minRows={2} />
                <Button color="red" onClick={() => (reason.trim() ? setConfirmCancel(true) : setErrors({ reason: tk('expenses.cancelReasonRequired') }))}>
                  {t('screen.cancelBill')}
                </Button>
              </Group>
            )}
          </FormSection>
        )}
      </PageCard>

      <PageCard title={t('screen.history')}>
        <History events={d.history} />
      </PageCard>

      {d.editable && <SubmitBar label={t('screen.save')} loading={busy} onClick={save} />}
      <ConfirmDialog opened={confirmPaid} title={t('screen.markPaidConfirm')} value={`${formatPaise(d.amountPaise)} — ${formatDate(paidDate)}`} loading={busy}
        onCancel={() => setConfirmPaid(false)} onConfirm={() => void act(() => api.call('expenses.markPaid', { id: d.id, paidDate }), t('screen.markPaid'))} />
      <ConfirmDialog opened={confirmCancel} title={t('screen.cancelConfirm')} value={d.billNo} loading={busy}
        onCancel={() => setConfirmCancel(false)} onConfirm={() => void act(() => api.call('expenses.cancel', { id: d.id, reason }), t('screen.cancelBill'))} />
    </>
  );
}

/** Who did what when, old → new (every change is audited, SPEC §2.12). */
function History({ events }: { events: ExpenseEventInfo[] }) {
  const { t } = useExpenseT();
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'amountPaise' && typeof value === 'number') return formatPaise(value);
    if (field === 'typeCode' && typeof value === 'string') return t(`type.${value}`);
    if (field === 'status' && typeof value === 'string') return t(`statusName.${value}`);
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return String(value);
  };
  return (
    <Table striped stripedColor="#EEEEEE" verticalSpacing={10}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('screen.history')}</Table.Th>
          <Table.Th />
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((e, i) => (
          <Table.Tr key={i}>
            <Table.Td><DateText value={e.at} withTime /></Table.Td>
            <Table.Td>
              <b>{t(`event.${e.kind}`)}</b> — {e.user?.name ?? ''}
              {e.reason && <div>{t('field.reason')}: {e.reason}</div>}
            </Table.Td>
            <Table.Td>
              {Object.entries(e.changes)
                .filter(([k]) => e.kind !== 'CREATED' || ['amountPaise', 'vendorName', 'billDate'].includes(k))
                .map(([k, val]) => (
                  <div key={k}>
                    {t(`field.${k}`, { defaultValue: k })}:{' '}
                    {e.kind === 'CREATED' || !Array.isArray(val) || val.length !== 2 || k === 'attachments' ? show(k, val) : `${show(k, val[0])} → ${show(k, val[1])}`}
                  </div>
                ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}


