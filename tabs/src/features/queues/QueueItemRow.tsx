import { useId } from 'react';
import { Badge, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { ROW_META_STYLES } from '../../app/section-styles.ts';
import { Attach16Regular, ClockAlarm16Regular, Info16Regular, Warning16Regular } from '@fluentui/react-icons';
import { canActOnQueueItem, type QueueItem, type QueueSummary } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { formatDateTime } from '../../app/format.ts';
import { ItemActions } from './ItemActions.tsx';
import { OpenMail, RegisterItem } from './ItemDialogs.tsx';
import { actionsFor, deadlineState } from './queue-items.ts';
import { subjectOf, type Perform, type RegistrationEvents } from './use-queue-actions.ts';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalM} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  subject: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  ...ROW_META_STYLES,
  preview: { margin: 0, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export interface QueueItemRowProps {
  item: QueueItem;
  now: Date;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  perform: Perform;
  otherQueues: QueueSummary[];
  onFailed: (message: string) => void;
  registration: RegistrationEvents;
}

/** One message in a queue: what it is, from whom, how near its deadline, who has it, and what to do with it. */
export function QueueItemRow({ item, now, selected, onSelect, perform, otherQueues, onFailed, registration }: QueueItemRowProps) {
  const styles = useStyles();
  const { t, locale } = useServices();
  const subjectId = useId();
  const subject = subjectOf(item, t);
  const due = deadlineState(item, now);
  const actions = actionsFor(item.status);
  const sender = item.from ? (item.from.name ? `${item.from.name} <${item.from.address}>` : item.from.address) : null;

  return (
    <li className={styles.row} data-item={item.id}>
      {actions.length > 0 ? <Checkbox checked={selected} onChange={(_, data) => onSelect(data.checked === true)} aria-label={t('queues.item.select', { subject })} /> : <span />}
      <div className={styles.body}>
        <div className={styles.line}>
          {/* The focus lands here after an action, so the reader goes on from the same place in the list. */}
          <h4 id={subjectId} tabIndex={-1} className={styles.subject}>
            {subject}
          </h4>
          {due === 'overdue' && (
            <Badge appearance="filled" color="danger" shape="rounded" icon={<ClockAlarm16Regular />}>
              {t('queues.badge.overdue')}
            </Badge>
          )}
          {due === 'dueSoon' && (
            <Badge appearance="tint" color="warning" shape="rounded" icon={<Warning16Regular />}>
              {t('queues.badge.dueSoon')}
            </Badge>
          )}
          {item.unimportant && (
            <Badge appearance="outline" color="informative" shape="rounded" icon={<Info16Regular />}>
              {t('queues.badge.unimportant')}
            </Badge>
          )}
        </div>
        <div className={styles.meta}>
          <span>{sender ? t('queues.item.from', { sender }) : t('queues.item.fromUnknown')}</span>
          <span>{t('queues.item.received', { date: formatDateTime(locale, item.receivedAt) })}</span>
          <span>{t('queues.item.deadline', { date: formatDateTime(locale, item.deadlineAt) })}</span>
          <span>{item.assignee ? t('queues.item.assignee', { name: item.assignee.name }) : t('queues.item.unassigned')}</span>
          {item.hasAttachments && (
            <span>
              <Attach16Regular aria-hidden /> {t('queues.item.attachments')}
            </span>
          )}
        </div>
        <div className={styles.meta}>
          {item.suggestedCase && (
            <span>{t('queues.item.suggestedCase', { caseNumber: item.suggestedCase.caseNumber, title: item.suggestedCase.publicTitle })}</span>
          )}
          {item.rule && <span>{t('queues.item.rule', { name: item.rule.name })}</span>}
          {item.setAsideReason && <span>{t('queues.item.setAside', { reason: t(`queues.reason.${item.setAsideReason}`) })}</span>}
          {item.document && <span>{t('queues.item.registered', { documentNumber: item.document.documentNumber })}</span>}
        </div>
        {item.bodyPreview && <p className={styles.preview}>{item.bodyPreview}</p>}
        <ItemActions
          label={t('queues.item.actions', { subject })}
          what={t('queues.action.one', { subject })}
          actions={actions}
          perform={perform}
          otherQueues={otherQueues}
          onFailed={onFailed}
          describedBy={subjectId}
        >
          <OpenMail item={item} subject={subject} describedBy={subjectId} />
          {canActOnQueueItem(item.status, 'register') && <RegisterItem item={item} subject={subject} describedBy={subjectId} events={registration} />}
        </ItemActions>
      </div>
    </li>
  );
}
