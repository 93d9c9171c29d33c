import { ActionIcon, Anchor, Button, FileButton, Group, Image, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconFileTypePdf, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { type AttachmentInfo, MAX_ATTACHMENTS } from '@mgramseva/core/contracts';
import { ACCEPT, callErrors, formatBytes, toAttachment, useExpenseT } from './common';

export interface PickedFile {
  name: string;
  contentBase64: string;
  previewUrl: string | null;
  size: number;
}

/** Files chosen on the add form, not yet stored: thumbnails, remove, "Add files". */
export function PickedFiles({ files, onChange, errors, disabled }: { files: PickedFile[]; onChange: (f: PickedFile[]) => void; errors: Record<string, string>; disabled?: boolean }) {
  const { t } = useExpenseT();
  const add = async (list: File[]) => onChange([...files, ...(await Promise.all(list.map(toAttachment)))]);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {files.map((f, i) => (
          <Thumb
            key={`${f.name}-${i}`}
            name={f.name}
            size={f.size}
            previewUrl={f.previewUrl}
            error={errors[`attachments.${i}.name`] ?? errors[`attachments.${i}.contentBase64`]}
            onRemove={() => onChange(files.filter((_, j) => j !== i))}
          />
        ))}
      </Group>
      <Group>
        <FileButton onChange={(l) => void add(l)} accept={ACCEPT} multiple disabled={disabled || files.length >= MAX_ATTACHMENTS}>
          {(props) => (
            <Button variant="outline" {...props}>
              {t('screen.addFiles')}
            </Button>
          )}
        </FileButton>
        <Text fz={14} c="#505A5F">
          {t('screen.attachHint')}
        </Text>
      </Group>
      {errors['attachments'] && (
        <Text c="#D4351C" fz={15}>
          {errors['attachments']}
        </Text>
      )}
    </Stack>
  );
}

function Thumb({ name, size, previewUrl, error, onRemove, onOpen }: { name: string; size: number; previewUrl: string | null; error?: string | undefined; onRemove?: () => void; onOpen?: () => void }) {
  const { t } = useExpenseT();
  return (
    <Paper withBorder p={6} w={140} style={{ borderColor: error ? '#D4351C' : undefined }}>
      <Stack gap={4} align="center">
        <button type="button" onClick={onOpen} disabled={!onOpen} style={{ border: 0, background: 'none', padding: 0, cursor: onOpen ? 'pointer' : 'default' }} aria-label={`${t('screen.open')} ${name}`}>
          {previewUrl ? <Image src={previewUrl} w={120} h={90} fit="cover" alt={name} /> : <IconFileTypePdf size={64} color="#D4351C" aria-hidden />}
        </button>
        <Text fz={12} lineClamp={1} title={name} maw={128}>
          {name}
        </Text>
        <Group gap={4}>
          <Text fz={11} c="#505A5F">
            {formatBytes(size)}
          </Text>
          {onRemove && (
            <ActionIcon size="sm" variant="subtle" color="red" onClick={onRemove} aria-label={`${t('screen.remove')} ${name}`}>
              <IconX size={14} />
            </ActionIcon>
          )}
        </Group>
        {error && (
          <Text c="#D4351C" fz={12} ta="center">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Stored attachments of a bill: thumbnails loaded from core, opened in place (image or PDF). */
export function StoredFiles({ files, onRemove }: { files: AttachmentInfo[]; onRemove?: ((a: AttachmentInfo) => void) | undefined }) {
  const { tk } = useExpenseT();
  const [urls, setUrls] = useState<Record<string, string>>({});
  // A file that cannot be shown (e.g. added on another computer and not downloaded yet): why.
  const [failed, setFailed] = useState<Record<string, unknown>>({});
  const [open, setOpen] = useState<AttachmentInfo | null>(null);
  useEffect(() => {
    let alive = true;
    const made: string[] = [];
    void (async () => {
      for (const a of files) {
        let r;
        try {
          r = await api.call('expenses.attachment', { attachmentId: a.id });
        } catch (err) {
          if (alive) setFailed((f) => ({ ...f, [a.id]: err }));
          continue;
        }
        const bytes = Uint8Array.from(atob(r.contentBase64), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: r.mime }));
        made.push(url);
        if (alive) setUrls((u) => ({ ...u, [a.id]: url }));
        if (alive) setFailed((f) => Object.fromEntries(Object.entries(f).filter(([id]) => id !== a.id)));
      }
    })();
    return () => {
      alive = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [files]);
  return (
    <>
      <Group gap="sm">
        {files.map((a) => (
          <Thumb
            key={a.id}
            name={a.fileName}
            size={a.sizeBytes}
            previewUrl={a.mime.startsWith('image/') ? (urls[a.id] ?? null) : null}
            onOpen={urls[a.id] ? () => setOpen(a) : undefined}
            error={a.id in failed ? (callErrors(tk, failed[a.id]).form ?? undefined) : undefined}
            onRemove={onRemove ? () => onRemove(a) : undefined}
          />
        ))}
      </Group>
      <Modal opened={Boolean(open)} onClose={() => setOpen(null)} title={open?.fileName} size="80%">
        {open && urls[open.id] && (open.mime === 'application/pdf' ? (
          <object data={urls[open.id]} type="application/pdf" width="100%" height="700" aria-label={open.fileName}>
            <Anchor href={urls[open.id]} download={open.fileName}>
              {open.fileName}
            </Anchor>
          </object>
        ) : (
          <Image src={urls[open.id]} alt={open.fileName} fit="contain" mah={700} />
        ))}
      </Modal>
    </>
  );
}
