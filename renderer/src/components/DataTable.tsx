import { ActionIcon, Group, Select, Table, Text, UnstyledButton } from '@mantine/core';
import { PAGE_SIZES } from '@mgramseva/core/contracts';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingState } from './States';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Right-align numbers and money. */
  align?: 'left' | 'right' | 'center';
  width?: number | string;
  /** Clicking the header asks for sorting by this key (the server sorts). */
  sortable?: boolean;
  /** Stays in view while a wide table scrolls sideways (the first column: what identifies the row). */
  sticky?: boolean;
}

/** A sticky cell needs an opaque background: the row's stripe colour (odd rows) or the page's. */
const STRIPE = '#EEEEEE';
const stickyCell = { position: 'sticky', left: 0, zIndex: 1, boxShadow: 'inset -1px 0 0 #DDDDDD' } as const;

export interface Sort {
  key: string;
  direction: 'asc' | 'desc';
}

interface Paging {
  page: number;
  pageSize: number;
  /** All matching rows, not only this page's. */
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}


/**
 * A table with alternating rows, an empty state and the pagination bar of the original
 * ("Rows per page [10▾]  1 - 10 of 282  ◂ ▸"). Give `paging` when the server pages; without it
 * the table pages `rows` itself.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  paging,
  loading,
  emptyText,
  onRowClick,
  sort,
  onSortChange,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  paging?: Paging;
  loading?: boolean;
  emptyText?: ReactNode;
  onRowClick?: (row: T) => void;
  sort?: Sort;
  onSortChange?: (sort: Sort) => void;
}) {
  const [localPage, setLocalPage] = useState(1);
  const [localSize, setLocalSize] = useState(10);
  const p: Paging = paging ?? {
    page: localPage,
    pageSize: localSize,
    total: rows.length,
    onPageChange: setLocalPage,
    onPageSizeChange: (size) => {
      setLocalSize(size);
      setLocalPage(1);
    },
  };
  const visible = paging ? rows : rows.slice((p.page - 1) * p.pageSize, p.page * p.pageSize);

  if (loading) return <LoadingState />;
  if (p.total === 0) return <EmptyState>{emptyText}</EmptyState>;

  return (
    <div>
      <Table.ScrollContainer minWidth={600}>
        <Table striped stripedColor={STRIPE} highlightOnHover={Boolean(onRowClick)} verticalSpacing={14} horizontalSpacing={17}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th
                  key={c.key}
                  style={{ textAlign: c.align, width: c.width, ...(c.sticky ? { ...stickyCell, background: 'var(--mantine-color-body)' } : {}) }}
                  fz={14}
                  fw={700}
                  aria-sort={sort?.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sortable && onSortChange ? (
                    <UnstyledButton
                      fz={14}
                      fw={700}
                      onClick={() =>
                        onSortChange({ key: c.key, direction: sort?.key === c.key && sort.direction === 'asc' ? 'desc' : 'asc' })
                      }
                    >
                      {c.header} {sort?.key === c.key ? (sort.direction === 'asc' ? '↑' : '↓') : ''}
                    </UnstyledButton>
                  ) : (
                    c.header
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((row, i) => (
              <Table.Tr
                key={rowKey(row)}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                style={onRowClick ? { cursor: 'pointer' } : undefined}
              >
                {columns.map((c) => (
                  <Table.Td key={c.key} style={{ textAlign: c.align, ...(c.sticky ? { ...stickyCell, background: i % 2 === 0 ? STRIPE : 'var(--mantine-color-body)' } : {}) }}>
                    {c.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PaginationBar {...p} />
    </div>
  );
}

function PaginationBar({ page, pageSize, total, onPageChange, onPageSizeChange }: Paging) {
  const { t } = useTranslation();
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="flex-end" gap="lg" h={50} px="md" bg="white">
      <Group gap="xs">
        <Text fz={14}>{t('table.rowsPerPage')}</Text>
        <Select
          aria-label={t('table.rowsPerPage')}
          data={PAGE_SIZES.map(String)}
          value={String(pageSize)}
          onChange={(v) => v && onPageSizeChange(Number(v))}
          w={80}
          size="xs"
          allowDeselect={false}
        />
      </Group>
      <Text fz={14}>{t('table.range', { first, last, total })}</Text>
      <Group gap={4}>
        <ActionIcon
          variant="subtle"
          aria-label={t('table.previous')}
          onClick={() => onPageChange(page - 1)}
          style={{ visibility: page > 1 ? 'visible' : 'hidden' }}
        >
          <IconChevronLeft size={20} />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          aria-label={t('table.next')}
          onClick={() => onPageChange(page + 1)}
          style={{ visibility: page < lastPage ? 'visible' : 'hidden' }}
        >
          <IconChevronRight size={20} />
        </ActionIcon>
      </Group>
    </Group>
  );
}
