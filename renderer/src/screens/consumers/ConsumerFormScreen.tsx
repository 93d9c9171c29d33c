import { Alert, Button, Checkbox, Group, Radio, Select, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { CONSUMER_ADMINS, consumerInput, updateInput, type ConsumerDetail, type FormInfo, checkConsumer } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { opKey, useOp } from '../../api/hooks';
import { BackLink, DateField, ErrorState, FieldRow, FormAlert, FormSection, LoadingState, MobileInput, notify, PageCard, SubmitBar } from '../../components';
import { useZodForm } from '../../forms/useZodForm';
import { useSession } from '../../session/session';
import { cycleLabel, masterLabel } from './labels';

type FormValues = Record<string, string | boolean>;

const EMPTY: FormValues = {
  name: '', gender: '', fatherName: '', mobile: '', oldConnectionId: '', category: '', subCategory: '', doorNo: '', street: '',
  ward: '', propertyType: '', serviceType: '', meterNumber: '', previousReadingDate: '', previousReading: '', lastBilledCycle: '',
  paymentType: 'arrears', arrears: '', penalty: '', advance: '', active: true, remarks: '',
};

function valuesOf(d: ConsumerDetail): FormValues {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    ...EMPTY,
    name: d.name, gender: d.gender, fatherName: d.fatherName, mobile: d.mobile, oldConnectionId: d.oldConnectionId,
    category: s(d.category), subCategory: s(d.subCategory), doorNo: s(d.doorNo), street: s(d.street), ward: d.ward,
    propertyType: d.propertyType, serviceType: d.serviceType, meterNumber: s(d.meterNumber),
    previousReadingDate: d.serviceType === 'Metered' ? d.previousReadingDate : '',
    previousReading: d.serviceType === 'Metered' ? String(d.previousReading ?? 0).padStart(5, '0') : '',
    lastBilledCycle: s(d.lastBilledCycle), paymentType: d.paymentType,
    arrears: String(d.arrears), penalty: String(d.penalty), advance: String(d.advance), active: d.status === 'Active', remarks: '',
  };
}

/** Create consumer (SPEC §2.4) and, with a connection id, edit consumer (SPEC §2.7). */
export function ConsumerFormScreen() {
  const { connectionId } = useParams();
  const info = useOp('consumers.formInfo', {});
  const detail = useOp('consumers.get', { connectionId: connectionId ?? '' }, { enabled: Boolean(connectionId) });
  if (info.isLoading || (connectionId && detail.isLoading)) return <LoadingState />;
  if (info.error || detail.error) return <ErrorState error={info.error ?? detail.error} onRetry={() => void (info.error ? info.refetch() : detail.refetch())} />;
  return <ConsumerForm key={connectionId ?? 'new'} info={info.data!} detail={connectionId ? detail.data : undefined} />;
}

function ConsumerForm({ info, detail }: { info: FormInfo; detail?: ConsumerDetail }) {
  const { t, i18n } = useTranslation('consumers');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const editing = Boolean(detail);
  const session = useSession();
  const isAdmin = (session.data?.roles ?? []).some((r) => (CONSUMER_ADMINS as readonly string[]).includes(r));
  const initial = useMemo(() => (detail ? valuesOf(detail) : { ...EMPTY, ward: info.masters.wards.length === 1 ? info.masters.wards[0]!.code : '' }), [detail, info]);

  // The core's schema plus the core's date/master rules, so the form says what the core says.
  const schema = useMemo(() => {
    const base = editing ? updateInput.omit({ connectionId: true }) : consumerInput;
    return base.superRefine((v, ctx) => {
      const values = v as Record<string, unknown>;
      if (editing && values['active'] !== initial.active && !values['remarks']) {
        ctx.addIssue({ code: 'custom', path: ['remarks'], message: 'consumers:validation.remarksRequired' });
      }
      const unchanged = editing ? new Set(Object.keys(initial).filter((k) => String(initial[k]) === String(values[k] ?? ''))) : undefined;
      const problems = checkConsumer(v as never, { today: info.today, masters: info.masters, ...(unchanged ? { unchanged } : {}) });
      for (const [field, p] of Object.entries(problems)) ctx.addIssue({ code: 'custom', path: [field], message: p.key, params: p.params });
    });
  }, [editing, info, initial]);

  const form = useZodForm(schema as never, { initialValues: initial });
  const v = form.values;
  const metered = v.serviceType === 'Metered';
  const locked = detail?.historyLocked ?? false;
  const statusChanges = editing && v.active !== initial.active;
  const changed = !editing || Object.keys(initial).some((k) => String(initial[k]) !== String(v[k]));
  const filled = Boolean(v.name && v.gender && v.fatherName && v.mobile && v.oldConnectionId && v.propertyType && v.serviceType);

  const submit = form.onSubmit(async (data: Record<string, unknown>) => {
    if (detail) {
      await api.call('consumers.update', { ...data, connectionId: detail.connectionId, active: Boolean(v.active), remarks: String(v.remarks || '') || undefined } as never);
      await queryClient.invalidateQueries({ queryKey: opKey('consumers.get') });
      await queryClient.invalidateQueries({ queryKey: opKey('consumers.search') });
      notify.success(t('screen.form.updated'));
      navigate(`/consumers/${detail.connectionId}`);
    } else {
      const made = await api.call('consumers.create', data as never);
      notify.success(t('screen.form.created', { connectionNo: made.connectionNo }));
      form.setValues(initial);
    }
  });

  const text = (name: string, props: Record<string, unknown> = {}) => (
    <FieldRow id={`c-${name}`} label={t(`fields.${name}`)} required={Boolean(props['required'])}>
      <TextInput id={`c-${name}`} {...form.getInputProps(name)} {...props} required={false} />
    </FieldRow>
  );
  const select = (name: string, list: keyof FormInfo['masters'], required = false) => (
    <FieldRow id={`c-${name}`} label={t(`fields.${name}`)} required={required}>
      <Select
        id={`c-${name}`}
        data={info.masters[list].map((i) => ({ value: i.code, label: masterLabel(t, list, i) }))}
        value={(v[name] as string) || null}
        onChange={(x) => form.setValue(name, x ?? '')}
        error={form.getInputProps(name).error}
        clearable={!required}
        allowDeselect={!required}
      />
    </FieldRow>
  );

  return (
    <>
      <Group justify="space-between">
        <BackLink />
        {!editing && isAdmin && (
          <Group gap="xs">
            <Button variant="subtle" onClick={() => navigate('/consumers/import')}>{t('screen.form.bulkLoad')}</Button>
            <Button variant="subtle" onClick={() => navigate('/consumers/masters')}>{t('screen.masters.title')}</Button>
          </Group>
        )}
      </Group>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PageCard
          title={editing ? t('screen.form.editTitle') : t('screen.form.title')}
          subtitle={editing ? `${t('fields.connectionNo')}: ${detail!.connectionNo}` : t('screen.form.subtitle')}
        >
          <FormAlert>{form.formError}</FormAlert>
          <FormSection title={t('screen.form.personal')}>
            {text('name', { required: true, maxLength: 50, autoFocus: !editing })}
            <FieldRow id="c-gender" label={t('fields.gender')} required>
              <Radio.Group id="c-gender" value={v.gender as string} onChange={(x) => form.setValue('gender', x)} error={form.getInputProps('gender').error}>
                <Group mt={8}>
                  {info.masters.genders.map((g) => (
                    <Radio key={g.code} value={g.code} label={masterLabel(t, 'genders', g)} />
                  ))}
                </Group>
              </Radio.Group>
            </FieldRow>
            {text('fatherName', { required: true, maxLength: 50 })}
            <FieldRow id="c-mobile" label={t('fields.mobile')} required>
              <MobileInput id="c-mobile" {...form.getInputProps('mobile')} />
            </FieldRow>
          </FormSection>

          <FormSection title={t('screen.form.address')}>
            <FieldRow id="c-gp" label={t('fields.gramPanchayat')}>
              <TextInput id="c-gp" value={info.gramPanchayat} disabled />
            </FieldRow>
            {text('doorNo', { maxLength: 128 })}
            {text('street', { maxLength: 128 })}
            {info.masters.wards.length > 1 && select('ward', 'wards', true)}
          </FormSection>

          <FormSection title={t('screen.form.connection')}>
            {text('oldConnectionId', { required: true, maxLength: 20, disabled: locked })}
            {select('category', 'categories')}
            {select('subCategory', 'subCategories')}
            {select('propertyType', 'propertyTypes', true)}
            <FieldRow id="c-serviceType" label={t('fields.serviceType')} required>
              <Select
                id="c-serviceType"
                disabled={editing}
                data={(['Metered', 'Non_Metered'] as const).map((s) => ({ value: s, label: t(`masters.serviceTypes.${s}`) }))}
                value={(v.serviceType as string) || null}
                onChange={(x) => form.setValue('serviceType', x ?? '')}
                error={form.getInputProps('serviceType').error}
                allowDeselect={false}
              />
            </FieldRow>
            {metered && (
              <>
                {text('meterNumber', { required: true, maxLength: 30 })}
                {!locked && (
                  <FieldRow id="c-previousReadingDate" label={t('fields.previousReadingDate')} required>
                    <DateField
                      id="c-previousReadingDate"
                      value={(v['previousReadingDate'] as string) ?? ''}
                      onChange={(x) => form.setValue('previousReadingDate', x)}
                      min={info.readingDateMin}
                      max={info.readingDateMax}
                      error={form.getInputProps('previousReadingDate').error as string | undefined}
                    />
                  </FieldRow>
                )}
                {!locked && text('previousReading', { maxLength: 5, inputMode: 'numeric', placeholder: '00000', w: 140, styles: { input: { letterSpacing: 8, fontFamily: 'monospace' } } })}
              </>
            )}
            {v.serviceType === 'Non_Metered' && !locked && (
              <FieldRow id="c-lastBilledCycle" label={t('fields.lastBilledCycle')} required>
                <Select
                  id="c-lastBilledCycle"
                  data={[...new Set([...info.billingCycles, ...(editing && initial.lastBilledCycle ? [initial.lastBilledCycle as string] : [])])].map((m) => ({ value: m, label: cycleLabel(i18n.language, m) }))}
                  value={(v.lastBilledCycle as string) || null}
                  onChange={(x) => form.setValue('lastBilledCycle', x ?? '')}
                  error={form.getInputProps('lastBilledCycle').error}
                />
              </FieldRow>
            )}
          </FormSection>

          {!locked && (
            <FormSection title={t('screen.form.openingBalance')}>
              <FieldRow id="c-paymentType" label={t('fields.paymentType')}>
                <Radio.Group id="c-paymentType" value={v.paymentType as string} onChange={(x) => form.setValues({ ...v, paymentType: x, arrears: '', penalty: '', advance: '' })}>
                  <Group mt={8}>
                    <Radio value="arrears" label={t('masters.paymentTypes.arrears')} />
                    <Radio value="advance" label={t('masters.paymentTypes.advance')} />
                  </Group>
                </Radio.Group>
              </FieldRow>
              {v.paymentType === 'arrears' ? (
                <>
                  {text('arrears', { inputMode: 'numeric', maxLength: 5, leftSection: '₹' })}
                  {text('penalty', { inputMode: 'numeric', maxLength: 5, leftSection: '₹' })}
                </>
              ) : (
                text('advance', { inputMode: 'numeric', maxLength: 5, leftSection: '₹' })
              )}
            </FormSection>
          )}
          {locked && <Text c="#505A5F" fz={14} mb="md">{t('screen.form.lockedHint')}</Text>}

          {editing && (
            <FormSection title={t('fields.status')}>
              <Checkbox
                id="c-inactive"
                label={t('screen.form.markInactive')}
                checked={!v.active}
                onChange={(e) => form.setValue('active', !e.currentTarget.checked)}
              />
              {!v.active && initial.active === true && <Alert color="orange">{t('screen.form.inactiveAlert')}</Alert>}
              {statusChanges && text('remarks', { required: true, maxLength: 40 })}
            </FormSection>
          )}
        </PageCard>
        <SubmitBar label={editing ? t('screen.form.save') : t('screen.form.submit')} loading={form.submitting} disabled={!filled || !changed} />
      </form>
    </>
  );
}
