import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button, Spinner, Text } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import type { Diary, FunctionMailbox, QueueAdmin, Unit } from '@diarium/core';
import { formatDateTime } from '../../app/format.ts';
import { problemText } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import { AdminProblem } from './AdminProblem.tsx';
import { useAdminStyles } from './admin-styles.ts';
import { MailboxForm } from './MailboxForm.tsx';
import { QueueMembers } from './QueueMembers.tsx';

/** What the settings need besides the mailboxes: the queues, units and diaries to choose among. */
export interface AdminChoices {
  queues: QueueAdmin[];
  units: Unit[];
  diaries: Diary[];
}

/** The settings of function mailboxes and queues: the mailboxes with their sync state, one edited at a time, and the queues' members. */
export function MailboxAdmin() {
  const styles = useAdminStyles();
  const { client, t } = useServices();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [mailboxes, reloadMailboxes] = useAsync(() => client.getFunctionMailboxes(), [client]);
  const [choices, reloadChoices] = useAsync(
    async (): Promise<AdminChoices> => {
      const [queues, units, diaries] = await Promise.all([client.getQueueAdmins(), client.units(), client.diaries()]);
      return { queues, units, diaries };
    },
    [client],
  );
  /** The mailbox being edited, as it was when opened (null for a new one); `key` is its id, or `new`. */
  const [editing, setEditing] = useState<{ key: string; mailbox: FunctionMailbox | null } | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => heading.current?.focus(), []);
  const saved = useCallback(
    (mailbox: FunctionMailbox, created: boolean) => {
      setStatus(t(created ? 'admin.form.created' : 'admin.form.saved', { name: mailbox.displayName }));
      // A new mailbox stays open, now as the one it became.
      if (created) setEditing({ key: mailbox.id, mailbox });
      reloadMailboxes();
    },
    [reloadMailboxes, t],
  );

  const failed = mailboxes.status === 'failed' ? mailboxes.error : choices.status === 'failed' ? choices.error : null;
  const retry = () => {
    reloadMailboxes();
    reloadChoices();
  };
  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <h2 id={headingId} ref={heading} tabIndex={-1} className={styles.heading}>
        {t('admin.heading')}
      </h2>
      <Text role="status">{status}</Text>
      {failed ? (
        <AdminProblem text={problemText(failed, t)} onRetry={retry} />
      ) : mailboxes.status !== 'done' || choices.status !== 'done' ? (
        <Spinner label={t('admin.loading')} />
      ) : (
        <>
          <h3 className={styles.subheading}>{t('admin.mailboxes.heading')}</h3>
          {mailboxes.value.length === 0 ? (
            <Text>{t('admin.mailboxes.empty')}</Text>
          ) : (
            <ul className={styles.list} aria-label={t('admin.mailboxes.list')}>
              {mailboxes.value.map((mailbox) => (
                <MailboxRow key={mailbox.id} mailbox={mailbox} onEdit={() => setEditing({ key: mailbox.id, mailbox })} />
              ))}
            </ul>
          )}
          <Button className={styles.start} icon={<Add20Regular />} onClick={() => setEditing({ key: 'new', mailbox: null })}>
            {t('admin.mailboxes.new')}
          </Button>
          {editing !== null && (
            <MailboxForm
              key={editing.key}
              mailbox={editing.mailbox}
              choices={choices.value}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}
          <QueueMembers queues={choices.value.queues} units={choices.value.units} onChanged={reloadChoices} />
        </>
      )}
    </section>
  );
}

/** A mailbox in the list: its name and address, where its sync stands, and what it does by default. */
function MailboxRow({ mailbox, onEdit }: { mailbox: FunctionMailbox; onEdit: () => void }) {
  const styles = useAdminStyles();
  const { t, locale } = useServices();
  return (
    <li className={styles.item}>
      <Text weight="semibold">{`${mailbox.displayName} <${mailbox.address}>`}</Text>
      <Text className={styles.meta}>
        {mailbox.sync.syncedAt ? t('admin.mailbox.synced', { date: formatDateTime(locale, mailbox.sync.syncedAt) }) : t('admin.mailbox.neverSynced')}
      </Text>
      {!mailbox.active && <Text weight="semibold">{t('admin.mailbox.paused')}</Text>}
      {mailbox.sync.error && <Text className={styles.failed}>{t('admin.mailbox.syncError', { error: mailbox.sync.error })}</Text>}
      <Text className={styles.meta}>
        {t('admin.mailbox.summary', { queue: mailbox.defaultQueue.name, days: mailbox.deadlineWorkingDays, rules: mailbox.rules.length })}
      </Text>
      <Button className={styles.start} size="small" onClick={onEdit}>
        {t('admin.mailbox.edit', { name: mailbox.displayName })}
      </Button>
    </li>
  );
}
