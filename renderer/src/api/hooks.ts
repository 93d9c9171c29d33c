import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { OpInput, OpName, OpOutput } from '@mgramseva/core/contracts';
import { api, type ApiCallError } from './client';

/** The typed API client, for the odd call outside react-query. */
export function useApi() {
  return api;
}

/** Query key of an operation: ['op', name, input]. Invalidate a whole op with ['op', name]. */
export const opKey = <N extends OpName>(name: N, input?: OpInput<N>) =>
  input === undefined ? (['op', name] as const) : (['op', name, input] as const);

type QueryOptions<N extends OpName> = Omit<
  UseQueryOptions<OpOutput<N>, ApiCallError, OpOutput<N>, readonly unknown[]>,
  'queryKey' | 'queryFn'
>;

/** Read through react-query: `const { data } = useOp('home.cards', {})`. */
export function useOp<N extends OpName>(name: N, input: OpInput<N>, options?: QueryOptions<N>) {
  return useQuery({
    queryKey: opKey(name, input),
    queryFn: () => api.call(name, input),
    ...options,
  });
}

type MutationOptions<N extends OpName> = Omit<
  UseMutationOptions<OpOutput<N>, ApiCallError, OpInput<N>>,
  'mutationFn'
> & {
  /** Operations whose cached reads this write makes stale, e.g. ['consumers.search']. */
  invalidates?: OpName[];
};

/** Write through react-query: `const save = useOpMutation('auth.changePassword')`. */
export function useOpMutation<N extends OpName>(name: N, options: MutationOptions<N> = {}) {
  const queryClient = useQueryClient();
  const { invalidates, onSuccess, ...rest } = options;
  return useMutation<OpOutput<N>, ApiCallError, OpInput<N>>({
    mutationFn: (input) => api.call(name, input),
    ...rest,
    onSuccess: async (...args) => {
      await Promise.all((invalidates ?? []).map((op) => queryClient.invalidateQueries({ queryKey: opKey(op) })));
      await onSuccess?.(...args);
    },
  });
}
