import { useTranslation } from 'react-i18next';
import { BackLink, EmptyState, PageCard } from '../components';

export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <>
      <BackLink to="/" />
      <PageCard title={t('notFound.title')}>
        <EmptyState>{t('notFound.body')}</EmptyState>
      </PageCard>
    </>
  );
}
