import { AppShell, Box } from '@mantine/core';
import { Outlet } from 'react-router-dom';
import type { SessionInfo } from '@mgramseva/core/contracts';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';

/** The signed-in frame: 56px header, 240px left nav, content up to 1200px wide. */
export function Shell({ session }: { session: SessionInfo }) {
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 0 }} padding="lg" bg="#EEEEEE">
      <AppShell.Header withBorder={false}>
        <AppHeader session={session} />
      </AppShell.Header>
      <AppShell.Navbar withBorder={false} style={{ boxShadow: '1px 0 2px rgba(0,0,0,0.12)' }}>
        <SideNav />
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1200} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
