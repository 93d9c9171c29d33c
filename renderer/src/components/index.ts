// The component kit domain screens reuse (renderer/src/README.md).
export { PageCard } from './PageCard';
export { FormSection } from './FormSection';
export { FieldRow } from './FieldRow';
export { SubmitBar } from './SubmitBar';
export { BackLink } from './BackLink';
export { SuccessPage } from './SuccessPage';
export { ConfirmDialog } from './ConfirmDialog';
export { DataTable, type Column, type Sort } from './DataTable';
export { Money } from './Money';
export { DateText } from './DateText';
export { formatPaise, formatDate } from '../format';
export { MobileInput } from './MobileInput';
export { PasswordHints } from './PasswordHints';
export { LoadingState, EmptyState, ErrorState, FormAlert } from './States';
export { notify } from './notify';
export { StatusChip, MeteredBadge, type StatusTone } from './StatusChip';
export { SearchBox, FilterPills, type FilterOption } from './SearchBox';
export { InfoBox, DetailBox, LabelValue } from './InfoBox';
