import { Badge, Button, Group } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { BackLink, ErrorState, LabelValue, LoadingState, notify, PageCard } from '../../components';
import { PrinterChooser } from './PrinterChooser';

/** This desktop's receipt printer (Bluetooth, ESC/POS): which one, the paper width, change it. */
export function PrinterScreen() {
  const { t } = useTranslation('printing');
  const status = useOp('printing.status', {});
  const [choosing, setChoosing] = useState(false);
  if (status.error) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data) return <LoadingState />;
  const s = status.data;
  const tone = s.bluetooth === 'available' ? 'green' : s.bluetooth === 'unavailable' ? 'red' : 'gray';
  return (
    <>
      <BackLink to="/" />
      <PageCard title={t('screen.title')} subtitle={t('screen.subtitle')}>
        <LabelValue label={t('screen.printer')}>
          <span data-testid="printer-name">{s.printer ? `${s.printer.name} · ${s.printer.paperMm} mm` : t('screen.none')}</span>
        </LabelValue>
        <LabelValue label={t('screen.bluetooth')}>
          <Badge color={tone} variant="light">{t(`screen.bt_${s.bluetooth}`)}</Badge>
        </LabelValue>
        {s.lastPrint && (
          <LabelValue label={t('screen.lastPrint')}>
            {t('screen.lastPrintValue', { receiptNo: s.lastPrint.receiptNo, time: new Date(s.lastPrint.at).toLocaleTimeString('en-IN', { hour: '2-digit', minute: '2-digit' }) })}
          </LabelValue>
        )}
        <Group justify="flex-end" mt="lg">
          <Button leftSection={<IconPrinter size={18} />} onClick={() => setChoosing(true)}>
            {s.printer ? t('screen.change') : t('screen.choose')}
          </Button>
        </Group>
      </PageCard>
      <PrinterChooser
        opened={choosing}
        current={s.printer}
        actionLabel={t('screen.save')}
        onClose={() => setChoosing(false)}
        onChosen={(p) => {
          setChoosing(false);
          notify.success(t('screen.saved', { name: p.name, paper: p.paperMm }));
        }}
      />
    </>
  );
}
