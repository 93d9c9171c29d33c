import { Autocomplete, Radio, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { opKey, useOp } from '../../api/hooks';
import { BackLink, DateField, FieldRow, FormAlert, FormSection, MobileInput, PageCard, SubmitBar, SuccessPage } from '../../components';
import { createExpenseInput, EXPENSE_TYPES, expenseDateErrors, todayInKolkata } from '@mgramseva/core/contracts';
import { PickedFiles, type PickedFile } from './Attachments';
import { callErrors, useExpenseT, zodErrors, type FieldErrors } from './common';

const EMPTY = {
  typeCode: '', vendorName: '', vendorMobile: '', amountRupees: '', billDate: '', partyBillDate: '',
  periodFrom: '', periodTo: '', isPaid: 'no', paidDate: '',
};
type Values = typeof EMPTY;

/** Add expense (SPEC §2.12, UI.md "Add expense"): the form, then the success page with the EB number. */
export function AddExpenseScreen() {
  const { t, tk } = useExpenseT();
  const queryClient = useQueryClient();
  const [v, setV] = useState<Values>(EMPTY);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<{ billNo: string } | null>(null);
  const suggest = useOp('vendors.suggest', { prefix: v.vendorName }, { enabled: v.vendorName.trim().length > 0 });
  const known = (suggest.data ?? []).find((s) => s.name.toLowerCase() === v.vendorName.trim().replace(/\s+/g, ' ').toLowerCase());
  const isNewVendor = v.vendorName.trim().length > 0 && !known && !suggest.isFetching;

  const input = (vals: Values, list: PickedFile[]) => ({
    typeCode: vals.typeCode,
    vendorName: vals.vendorName,
    vendorMobile: known ? undefined : vals.vendorMobile || undefined,
    amountRupees: vals.amountRupees === '' ? Number.NaN : Number(vals.amountRupees),
    billDate: vals.billDate,
    partyBillDate: vals.partyBillDate || undefined,
    periodFrom: vals.periodFrom,
    periodTo: vals.periodTo,
    isPaid: vals.isPaid === 'yes',
    paidDate: vals.isPaid === 'yes' ? vals.paidDate || undefined : undefined,
    attachments: list.map((f) => ({ name: f.name, contentBase64: f.contentBase64 })),
  });

  const check = (vals: Values, list: PickedFile[]): FieldErrors => {
    const data = input(vals, list);
    const parsed = createExpenseInput.safeParse(data);
    const out = parsed.success ? {} : zodErrors(tk, parsed.error.issues);
    if (vals.billDate && vals.periodFrom && vals.periodTo) {
      for (const [f, key] of Object.entries(expenseDateErrors(data, todayInKolkata(new Date())))) out[f] ??= tk(key);
    }
    if (isNewVendor && !vals.vendorMobile) out['vendorMobile'] ??= tk('expenses.vendorMobileRequired');
    return out;
  };

  const set = (name: keyof Values, value: string) => {
    const next = { ...v, [name]: value };
    setV(next);
    if (submitted) setErrors(check(next, files));
  };

  const submit = async () => {
    setSubmitted(true);
    const found = check(v, files);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    setFormError(null);
    try {
      const r = await api.call('expenses.create', input(v, files) as never);
      await queryClient.invalidateQueries({ queryKey: opKey('expenses.search') });
      await queryClient.invalidateQueries({ queryKey: opKey('vendors.suggest') });
      setDone(r);
    } catch (err) {
      const { fields, form } = callErrors(tk, err);
      setErrors(fields);
      setFormError(form);
    } finally {
      setSaving(false);
    }
  };

  if (done) {
    return (
      <SuccessPage
        title={t('screen.successTitle')}
        idLabel={t('screen.successIdLabel')}
        idValue={done.billNo}
        message={t('screen.successMessage')}
        primaryLabel={t('screen.addNew')}
        onPrimary={() => {
          setDone(null);
          setV(EMPTY);
          setFiles([]);
          setSubmitted(false);
          setErrors({});
        }}
      />
    );
  }

  const today = todayInKolkata(new Date());
  const date = (name: keyof Values, required: boolean, max = today) => (
    <FieldRow id={`e-${name}`} label={t(`field.${name}`)} required={required}>
      <DateField id={`e-${name}`} max={max} value={v[name]} onChange={(x) => set(name, x)} error={errors[name]} w={220} />
    </FieldRow>
  );

  return (
    <>
      <BackLink to="/" />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <PageCard title={t('screen.addTitle')} subtitle={t('screen.addSubtitle')}>
          <FormAlert>{formError}</FormAlert>
          <FormSection>
            <FieldRow id="e-typeCode" label={t('field.typeCode')} required>
              <Select
                id="e-typeCode"
                searchable
                data={EXPENSE_TYPES.filter((x) => x.active).map((x) => ({ value: x.code, label: t(`type.${x.code}`) }))}
                value={v.typeCode || null}
                onChange={(x) => set('typeCode', x ?? '')}
                error={errors['typeCode']}
                autoFocus
              />
            </FieldRow>
            <FieldRow id="e-vendorName" label={t('field.vendorName')} required>
              <Autocomplete
                id="e-vendorName"
                data={[...new Set((suggest.data ?? []).map((s) => s.name))]}
                value={v.vendorName}
                onChange={(x) => set('vendorName', x)}
                error={errors['vendorName']}
                maxLength={100}
              />
            </FieldRow>
            {v.vendorName.trim() && (
              <FieldRow id="e-vendorMobile" label={t('field.vendorMobile')} required={isNewVendor}>
                <Stack gap={4}>
                  <MobileInput
                    id="e-vendorMobile"
                    value={known ? known.mobile : v.vendorMobile}
                    disabled={Boolean(known)}
                    onChange={(e) => set('vendorMobile', e.currentTarget.value)}
                    error={errors['vendorMobile']}
                  />
                  {isNewVendor && (
                    <Text fz={14} c="#505A5F">
                      {t('screen.newVendor')}
                    </Text>
                  )}
                </Stack>
              </FieldRow>
            )}
            <FieldRow id="e-amountRupees" label={t('field.amountRupees')} required>
              <TextInput
                id="e-amountRupees"
                inputMode="numeric"
                leftSection="₹"
                maxLength={6}
                value={v.amountRupees}
                onChange={(e) => set('amountRupees', e.currentTarget.value.replace(/\D/g, ''))}
                error={errors['amountRupees']}
                w={220}
              />
            </FieldRow>
            {date('billDate', true)}
            {date('partyBillDate', false, v.billDate || today)}
            {date('periodFrom', true, v.billDate || today)}
            {date('periodTo', true, v.billDate || today)}
            <FieldRow id="e-isPaid" label={t('field.isPaid')}>
              <Radio.Group id="e-isPaid" value={v.isPaid} onChange={(x) => set('isPaid', x)}>
                <Group mt={8}>
                  <Radio value="yes" label={t('screen.yes')} />
                  <Radio value="no" label={t('screen.no')} />
                </Group>
              </Radio.Group>
            </FieldRow>
            {v.isPaid === 'yes' && date('paidDate', true)}
            <FieldRow id="e-attachments" label={t('field.attachments')}>
              <PickedFiles
                files={files}
                errors={errors}
                onChange={(list) => {
                  setFiles(list);
                  if (submitted) setErrors(check(v, list));
                }}
              />
            </FieldRow>
          </FormSection>
        </PageCard>
        <SubmitBar label={t('screen.submit')} loading={saving} />
      </form>
    </>
  );
}
