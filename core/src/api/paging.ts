import { z } from 'zod';

/**
 * The paged, searchable tables of the screens (dashboard tabs, household register, reports) take
 * the same paging input: page 1, 2, …; 10 to 50 rows a page in tens, 10 by default (SPEC §7.2,
 * §2.14); ascending or descending; a search of up to 50 characters. One declaration, one set of
 * messages.
 */
export const PAGE_SIZES = [10, 20, 30, 40, 50] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const pageNumber = z
  .number({ error: 'validation.page' })
  .int({ error: 'validation.page' })
  .min(1, { error: 'validation.page' })
  .max(1_000_000, { error: 'validation.page' })
  .default(1);

export const pageSize = z
  .number({ error: 'validation.pageSize' })
  .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), 'validation.pageSize')
  .default(10);

export const sortDirection = z.enum(['asc', 'desc'], { error: 'validation.invalid' }).default('asc');

/** Part of a name, number or ID, any case; blank means no search. */
export const searchText = z
  .string({ error: 'validation.text' })
  .trim()
  .max(50, { error: 'validation.tooLong' })
  .optional()
  .transform((v) => (v ? v : undefined));

/** A page of a table: the page asked for, and how many rows match in all. */
export interface Paged {
  total: number;
  page: number;
  pageSize: number;
}
