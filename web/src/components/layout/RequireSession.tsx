import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../../hooks/useSession';
import { FullPageLoader } from '../common/FullPageLoader';
import { QueryError } from '../common/QueryError';

/** Routes below need a signed-in user; others go to the sign-in page and come back afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <Outlet />;
}
