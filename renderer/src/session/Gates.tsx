import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { onSessionExpired } from '../api/client';
import { ErrorState, LoadingState } from '../components';
import { storedLanguage } from '../i18n';
import { Shell } from '../layout/Shell';
import { markSessionEnded, useAppStatus, useSession, useSetSession } from './session';

const BEFORE_SETUP = ['/language', '/setup'];

/**
 * Every route passes here. First launch: choose a language; no Gram Panchayat yet: setup.
 * When any call says the session has ended, go to sign-in with a message.
 */
export function RootGate() {
  const status = useAppStatus();
  const location = useLocation();
  const navigate = useNavigate();
  const setSession = useSetSession();

  useEffect(
    () =>
      onSessionExpired(() => {
        markSessionEnded();
        setSession(null);
        navigate('/sign-in');
      }),
    [navigate, setSession],
  );

  if (status.isPending) return <LoadingState />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;

  const path = location.pathname;
  if (!storedLanguage() && path !== '/language') return <Navigate to="/language" replace />;
  if (!status.data.initialized && !BEFORE_SETUP.includes(path)) return <Navigate to="/setup" replace />;
  return <Outlet />;
}

/** The signed-in part of the app, inside the shell. */
export function RequireSession() {
  const session = useSession();
  if (session.isPending) return <LoadingState />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to="/sign-in" replace />;
  return <Shell session={session.data} />;
}
