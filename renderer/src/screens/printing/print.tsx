import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError } from '../../api/client';
import { opKey } from '../../api/hooks';
import { notify } from '../../components';
import { errorMessage } from '../../forms/errors';
import { PrinterChooser } from './PrinterChooser';
import { awaitTask } from './tasks';

/**
 * "Print (Bluetooth)" for a receipt (SPEC §2.6, §2.10, §5.5): print on this desktop's thermal
 * printer; when none is chosen yet, the chooser lists the printers found nearby, then prints.
 * Render `chooser` once in the screen; `choosing` is true while it is open (page shortcuts off).
 */
export function useBluetoothPrint() {
  const { t } = useTranslation('printing');
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  const print = async (paymentId: string): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      const started = await api.call('printing.printReceipt', { paymentId });
      await awaitTask(started.taskId);
      notify.success(t('screen.printed', { receiptNo: started.receiptNo }));
    } catch (e) {
      if (e instanceof ApiCallError && e.error.key === 'printing.errors.noPrinter') setPending(paymentId);
      else notify.error(errorMessage(t, e));
    } finally {
      running.current = false;
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: opKey('printing.status') });
    }
  };

  const chooser = (
    <PrinterChooser
      opened={pending !== null}
      actionLabel={t('screen.chooseAndPrint')}
      onClose={() => setPending(null)}
      onChosen={() => {
        const paymentId = pending;
        setPending(null);
        if (paymentId) void print(paymentId);
      }}
    />
  );
  return { print, busy, choosing: pending !== null, chooser };
}
