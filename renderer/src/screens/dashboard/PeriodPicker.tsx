import { Button, Popover, Radio, SimpleGrid, Stack, UnstyledButton } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monthLabel, monthsOfYear, todayIst } from './period';

/**
 * The orange period picker of UI.md "Dashboard": the last five financial years as radios, the
 * chosen one expanded into "Whole year" and its months.
 */
export function PeriodPicker({
  years,
  financialYear,
  month,
  onChange,
}: {
  years: string[];
  financialYear: string;
  month: string | undefined;
  onChange: (fy: string, month: string | undefined) => void;
}) {
  const { t } = useTranslation('dashboard');
  const [opened, setOpened] = useState(false);
  const [open, setOpen] = useState(financialYear);
  const label = month ? monthLabel(month, t).toUpperCase() : t('period.year', { fy: financialYear });
  const choose = (fy: string, m: string | undefined) => {
    setOpened(false);
    onChange(fy, m);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" width={400}>
      <Popover.Target>
        <Button color="orange" variant="outline" rightSection={<IconChevronDown size={16} />} onClick={() => setOpened((o) => !o)} aria-label={`${t('period.choose')}: ${label}`}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" role="radiogroup" aria-label={t('period.choose')}>
          {years.map((fy) => (
            <Stack key={fy} gap={6}>
              <Radio label={fy} checked={open === fy} onChange={() => setOpen(fy)} color="orange" />
              {open === fy && (
                <Stack gap={6} pl={28}>
                  <UnstyledButton fz={14} fw={financialYear === fy && !month ? 700 : 400} c="#C8602B" onClick={() => choose(fy, undefined)}>
                    {t('period.wholeYear')} ({fy})
                  </UnstyledButton>
                  <SimpleGrid cols={3} spacing={4} verticalSpacing={4}>
                    {monthsOfYear(fy, todayIst()).map((m) => (
                      <UnstyledButton
                        key={m}
                        fz={13}
                        px={6}
                        py={4}
                        style={{ borderRadius: 4, border: '1px solid #D6D5D4', textAlign: 'center', background: m === month ? '#F47738' : 'white', color: m === month ? 'white' : '#0B0C0C' }}
                        onClick={() => choose(fy, m)}
                      >
                        {monthLabel(m, t)}
                      </UnstyledButton>
                    ))}
                  </SimpleGrid>
                </Stack>
              )}
            </Stack>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
