import { Badge, Button, FileInput, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult, ImportRowResult } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { BackLink, DataTable, FieldRow, FormAlert, notify, PageCard, SubmitBar, type Column } from '../../components';
import { errorMessage } from '../../forms/errors';
import { downloadBase64 } from './labels';

const MAX_BYTES = 15 * 1024 * 1024;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bulk consumer load (SPEC §10): template, upload, check, per-row result, all-or-nothing or valid rows only. */
export function ImportConsumersScreen() {
  const { t } = useTranslation('consumers');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'allOrNothing' | 'validOnly'>('allOrNothing');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const template = async (format: 'xlsx' | 'csv') => {
    try {
      const f = await api.call('consumers.importTemplate', { format });
      downloadBase64(f.fileName, f.mimeType, f.base64);
    } catch (err) {
      notify.error(errorMessage(t, err));
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(t('import.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      const r = await api.call('consumers.import', { fileName: file.name, base64: await toBase64(file), mode, dryRun });
      setResult(r);
      if (!dryRun && r.created > 0) notify.success(t('screen.import.done', { count: r.created }));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const statusColor: Record<string, string> = { created: '#00703C', valid: 'blue', exists: 'gray', error: '#D4351C' };
  const columns: Column<ImportRowResult>[] = [
    { key: 'row', header: t('screen.import.row'), render: (r) => r.row, width: 70 },
    { key: 'old', header: t('fields.oldConnectionId'), render: (r) => r.oldConnectionId },
    { key: 'name', header: t('fields.name'), render: (r) => r.name },
    { key: 'status', header: t('fields.status'), render: (r) => <Badge color={statusColor[r.status]}>{t(`screen.import.status.${r.status}`)}</Badge> },
    {
      key: 'result',
      header: t('screen.import.result'),
      render: (r) =>
        r.errors.length ? (
          <Stack gap={2}>
            {r.errors.map((e) => (
              <Text key={e.field} fz={14} c="#D4351C">
                <b>{e.label}</b>: {e.message}
              </Text>
            ))}
          </Stack>
        ) : (
          r.connectionNo ?? ''
        ),
    },
  ];

  return (
    <>
      <BackLink />
      <PageCard title={t('screen.import.title')} subtitle={t('screen.import.subtitle')}>
        <FormAlert>{error}</FormAlert>
        <Stack gap="md">
          <FieldRow id="imp-template" label={t('screen.import.template')}>
            <Group>
              <Button id="imp-template" variant="outline" onClick={() => void template('xlsx')}>{t('screen.import.templateXlsx')}</Button>
              <Button variant="outline" onClick={() => void template('csv')}>{t('screen.import.templateCsv')}</Button>
            </Group>
          </FieldRow>
          <FieldRow id="imp-file" label={t('fields.base64')} required>
            <FileInput
              id="imp-file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(f) => {
                setFile(f);
                setResult(null);
              }}
              placeholder={t('screen.import.choose')}
              clearable
            />
          </FieldRow>
          <FieldRow id="imp-mode" label={t('screen.import.mode')}>
            <Radio.Group id="imp-mode" value={mode} onChange={(v) => setMode(v as typeof mode)}>
              <Stack mt={8} gap="xs">
                <Radio value="allOrNothing" label={t('screen.import.allOrNothing')} />
                <Radio value="validOnly" label={t('screen.import.validOnly')} />
              </Stack>
            </Radio.Group>
          </FieldRow>
        </Stack>
      </PageCard>
      <SubmitBar label={t('screen.import.submit')} loading={busy} disabled={!file} onClick={() => void run(false)}>
        <Button variant="outline" disabled={!file || busy} onClick={() => void run(true)}>
          {t('screen.import.check')}
        </Button>
      </SubmitBar>
      {result && (
        <PageCard>
          <Title order={2} fz={24} mb="xs">
            {t('screen.import.summary', { total: result.total, created: result.created, failed: result.failed, existing: result.existing })}
          </Title>
          {!result.stored && result.failed > 0 && result.mode === 'allOrNothing' && <Text c="#D4351C" mb="md">{t('screen.import.nothingStored')}</Text>}
          <DataTable columns={columns} rows={result.rows} rowKey={(r) => String(r.row)} />
        </PageCard>
      )}
    </>
  );
}
