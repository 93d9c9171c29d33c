import { useCallback, useState } from 'react';
import type { PageSize } from '@mgramseva/core/contracts';
import type { Sort } from './DataTable';

const NO_SORT: Sort = { key: '', direction: 'asc' };

/**
 * Page, page size and sort of a server-paged DataTable, starting at page 1 of 10 rows. A new sort
 * or page size goes back to page 1; call `firstPage` when the search or tab changes.
 * `<DataTable {...pager.sorting} paging={pager.paging(total)} />`.
 */
export function useServerPaging(initialSort: Sort = NO_SORT) {
  const [sort, setSort] = useState<Sort>(initialSort);
  const [state, setState] = useState<{ page: number; pageSize: PageSize }>({ page: 1, pageSize: 10 });
  const firstPage = useCallback(() => setState((p) => ({ ...p, page: 1 })), []);
  return {
    sort,
    page: state.page,
    pageSize: state.pageSize,
    firstPage,
    /** DataTable's `sort` and `onSortChange`. */
    sorting: {
      sort,
      onSortChange: (s: Sort) => {
        setSort(s);
        firstPage();
      },
    },
    /** DataTable's `paging`, given the server's count of all matching rows. */
    paging: (total: number) => ({
      page: state.page,
      pageSize: state.pageSize,
      total,
      onPageChange: (page: number) => setState((p) => ({ ...p, page })),
      onPageSizeChange: (pageSize: number) => setState({ page: 1, pageSize: pageSize as PageSize }),
    }),
  };
}
