import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular, MailSettings20Regular } from '@fluentui/react-icons';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';

// The settings load when an administrator opens them: Mitt arbete's first paint stays small.
const MailboxAdmin = lazy(() => import('./MailboxAdmin.tsx').then((m) => ({ default: m.MailboxAdmin })));

const useStyles = makeStyles({
  open: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  close: { alignSelf: 'flex-start' },
});

/**
 * "Funktionsbrevlådor" in Mitt arbete, for administrators only (an admin role in any diary; the
 * API refuses everyone else anyway): opens the settings of function mailboxes and queues.
 */
export function AdminEntry() {
  const styles = useStyles();
  const { client, t } = useServices();
  const [diaries] = useAsync(() => client.diaries(), [client]);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  // Focus follows the reader: into the settings when they open, back to the button when they close.
  useEffect(() => {
    if (open) closer.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const admin = diaries.status === 'done' && diaries.value.some((d) => d.myRoles.includes('admin'));
  if (!admin) return null;
  if (!open) {
    return (
      <Button ref={opener} className={styles.close} icon={<MailSettings20Regular />} onClick={() => setOpen(true)}>
        {t('admin.open')}
      </Button>
    );
  }
  return (
    <div className={styles.open}>
      <Button ref={closer} className={styles.close} appearance="subtle" icon={<DismissRegular />} onClick={() => setOpen(false)}>
        {t('admin.close')}
      </Button>
      <Suspense fallback={<Spinner label={t('admin.loading')} />}>
        <MailboxAdmin />
      </Suspense>
    </div>
  );
}
