import { Alert, Badge, Button, Group, Loader, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconBluetooth, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChosenPrinter, FoundPrinter } from '@mgramseva/core/contracts';
import { api } from '../../api/client';
import { opKey } from '../../api/hooks';
import { errorMessage } from '../../forms/errors';
import { awaitTask } from './tasks';

/**
 * The printer picker (SPEC §5.5 "if no printer connected, a dialog lists Bluetooth devices to
 * pick"): searches when it opens, lists what it found (receipt printers first), the paper width
 * 58 or 80 mm, then `printing.choose`. The current printer stays in the list even when the
 * search does not see it, so only the paper width can be changed.
 */
export function PrinterChooser(props: {
  opened: boolean;
  actionLabel: string;
  current?: ChosenPrinter | null;
  onClose: () => void;
  onChosen: (printer: ChosenPrinter) => void;
}) {
  const { t } = useTranslation('printing');
  return (
    <Modal opened={props.opened} onClose={props.onClose} size="lg" title={<Text fw={700} fz={20}>{t('screen.chooseTitle')}</Text>}>
      {/* Mounted afresh each time the dialog opens: a new search, the current choice preselected. */}
      {props.opened && <ChooserBody {...props} />}
    </Modal>
  );
}

function ChooserBody({
  actionLabel,
  current = null,
  onClose,
  onChosen,
}: {
  actionLabel: string;
  current?: ChosenPrinter | null;
  onClose: () => void;
  onChosen: (printer: ChosenPrinter) => void;
}) {
  const { t } = useTranslation('printing');
  const queryClient = useQueryClient();
  const [round, setRound] = useState(0);
  // One search per opening and per "Search again"; never cached, never retried on its own.
  const scan = useQuery({
    queryKey: ['printing.scan-round', round],
    queryFn: async () => {
      const { taskId } = await api.call('printing.scan', {});
      const r = await awaitTask(taskId);
      void queryClient.invalidateQueries({ queryKey: opKey('printing.status') });
      return r.kind === 'scan' ? r.printers : [];
    },
    retry: false,
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const scanning = scan.isFetching;
  const printers: FoundPrinter[] | null = scan.data ?? (scan.error ? [] : null);
  const [picked, setPicked] = useState<string | null>(current?.id ?? null);
  const selected = picked ?? printers?.find((p) => p.known)?.id ?? null;
  const [paper, setPaper] = useState<string>(String(current?.paperMm ?? 58));
  const [chooseError, setChooseError] = useState<string | null>(null);
  const error = chooseError ?? (scan.error && !scanning ? errorMessage(t, scan.error) : null);
  const [pickError, setPickError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const search = () => {
    setChooseError(null);
    setRound((n) => n + 1);
  };

  const choose = async () => {
    if (!selected) {
      setPickError(t('screen.pickOne'));
      return;
    }
    setSaving(true);
    setChooseError(null);
    try {
      const chosen = await api.call('printing.choose', { printerId: selected, paperMm: paper === '80' ? 80 : 58 });
      await queryClient.invalidateQueries({ queryKey: opKey('printing.status') });
      onChosen(chosen);
    } catch (e) {
      setChooseError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  };

  const list = [...(printers ?? [])];
  if (current && !list.some((p) => p.id === current.id)) list.unshift(current);
  list.sort((a, b) => Number(b.known) - Number(a.known));

  return (
    <Stack gap="md">
      <Text fz={14} c="#505A5F">{t('screen.chooseHelp')}</Text>
      {scanning && (
        <Group gap="sm" aria-live="polite">
          <Loader size="sm" color="orange" />
          <Text>{t('screen.searching')}</Text>
        </Group>
      )}
      {!scanning && printers !== null && list.length === 0 && !error && <Text c="#505A5F">{t('screen.noneFound')}</Text>}
      {list.length > 0 && (
        <Radio.Group
          label={t('screen.printers')}
          value={selected}
          onChange={(v) => {
            setPicked(v);
            setPickError(undefined);
          }}
          error={pickError}
        >
          <Stack gap="xs" mt="xs">
            {list.map((p, i) => (
              <Radio
                key={p.id}
                value={p.id}
                data-autofocus={i === 0 ? true : undefined}
                label={
                  <Group gap={8} wrap="nowrap">
                    <IconBluetooth size={16} />
                    <Text fz={16}>{p.name}</Text>
                    <Badge color={p.known ? 'green' : 'gray'} variant="light">{p.known ? t('screen.known') : t('screen.unknownType')}</Badge>
                  </Group>
                }
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <Radio.Group label={t('screen.paper')} value={paper} onChange={setPaper}>
        <Group gap="xl" mt="xs">
          <Radio value="58" label={t('screen.paper58')} />
          <Radio value="80" label={t('screen.paper80')} />
        </Group>
      </Radio.Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Group justify="space-between" mt="sm">
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={search} disabled={scanning}>
          {t('screen.searchAgain')}
        </Button>
        <Group gap="sm">
          <Button color="gray.6" onClick={onClose}>{t('screen.cancel')}</Button>
          <Button onClick={() => void choose()} loading={saving} disabled={scanning || list.length === 0}>{actionLabel}</Button>
        </Group>
      </Group>
    </Stack>
  );
}
