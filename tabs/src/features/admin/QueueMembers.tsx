import { useId, useState } from 'react';
import { Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular, PersonAdd20Regular } from '@fluentui/react-icons';
import type { FieldError, QueueAdmin, Unit, User } from '@diarium/core';
import { PersonPicker } from '../../app/PersonPicker.tsx';
import { describeProblem, problemText } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { AdminProblem } from './AdminProblem.tsx';
import { useAdminStyles } from './admin-styles.ts';
import { errorAt } from './rule-draft.ts';

const useStyles = makeStyles({
  members: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  member: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
});

export interface QueueMembersProps {
  queues: QueueAdmin[];
  units: Unit[];
  onChanged: () => void;
}

/** The queues with their members: add one with the person picker, remove one, and add a queue. */
export function QueueMembers({ queues, units, onChanged }: QueueMembersProps) {
  const admin = useAdminStyles();
  const { t } = useServices();
  const headingId = useId();
  const [status, setStatus] = useState('');
  const changed = (text: string) => {
    setStatus(text);
    onChanged();
  };
  return (
    <section aria-labelledby={headingId} className={admin.section}>
      <h3 id={headingId} className={admin.subheading}>
        {t('admin.queues.heading')}
      </h3>
      <Text role="status">{status}</Text>
      {queues.length === 0 ? (
        <Text>{t('admin.queues.empty')}</Text>
      ) : (
        <ul className={admin.list} aria-label={t('admin.queues.list')}>
          {queues.map((queue) => (
            <QueueCard key={queue.id} queue={queue} onChanged={changed} />
          ))}
        </ul>
      )}
      <NewQueue units={units} onCreated={changed} />
    </section>
  );
}

function QueueCard({ queue, onChanged }: { queue: QueueAdmin; onChanged: (status: string) => void }) {
  const admin = useAdminStyles();
  const styles = useStyles();
  const { client, t } = useServices();
  const [adding, setAdding] = useState(false);
  const [person, setPerson] = useState<User | null>(null);
  const [missing, setMissing] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  async function act(work: () => Promise<unknown>, done: string) {
    setProblem(null);
    try {
      await work();
      onChanged(done);
      return true;
    } catch (failure) {
      // A queue still in use says why in its field error: which mailbox sends to it, or that it held messages.
      const reasons = describeProblem(failure, t).fieldErrors.map((e) => e.message);
      setProblem(reasons.length > 0 ? reasons.join(' ') : problemText(failure, t));
      return false;
    }
  }
  async function add() {
    if (!person) {
      setMissing(t('admin.queues.choosePerson'));
      return;
    }
    setMissing(undefined);
    if (await act(() => client.addQueueMember(queue.id, person.id), t('admin.queues.memberAdded', { name: person.name, queue: queue.name }))) {
      setAdding(false);
      setPerson(null);
    }
  }

  return (
    <li className={admin.item}>
      <Text weight="semibold">{queue.name}</Text>
      {queue.unit && <Text className={admin.meta}>{t('admin.queues.unit', { name: queue.unit.name })}</Text>}
      {problem && <AdminProblem text={problem} />}
      {queue.members.length === 0 ? (
        <Text className={admin.meta}>{t('admin.queues.noMembers')}</Text>
      ) : (
        <ul className={styles.members} aria-label={t('admin.queues.members', { queue: queue.name })}>
          {queue.members.map((member) => (
            <li key={member.id} className={styles.member}>
              <Text>{`${member.name} (${member.email})`}</Text>
              <Button
                size="small"
                appearance="subtle"
                icon={<Delete20Regular />}
                aria-label={t('admin.queues.removeMember', { name: member.name, queue: queue.name })}
                onClick={() => void act(() => client.removeQueueMember(queue.id, member.id), t('admin.queues.memberRemoved', { name: member.name, queue: queue.name }))}
              />
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <div className={styles.row} role="group" aria-label={t('admin.queues.delete')}>
          <Text>{t('admin.queues.deleteConfirm', { queue: queue.name })}</Text>
          <Button
            appearance="primary"
            onClick={() => void act(() => client.deleteQueue(queue.id, queue.version), t('admin.queues.deleted', { queue: queue.name })).then(() => setRemoving(false))}
          >
            {t('admin.queues.deleteYes')}
          </Button>
          <Button onClick={() => setRemoving(false)}>{t('admin.cancel')}</Button>
        </div>
      )}
      {adding ? (
        <form
          noValidate
          className={styles.row}
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <div>
            <PersonPicker label={t('admin.queues.newMember', { queue: queue.name })} chosen={person} onChoose={setPerson} validationMessage={missing} />
          </div>
          <Button type="submit" appearance="primary" icon={<PersonAdd20Regular />}>
            {t('admin.queues.addMember')}
          </Button>
          <Button onClick={() => setAdding(false)}>{t('admin.cancel')}</Button>
        </form>
      ) : (
        <div className={styles.row}>
          <Button size="small" icon={<PersonAdd20Regular />} onClick={() => setAdding(true)}>
            {t('admin.queues.addMember')}
          </Button>
          {!removing && (
            <Button size="small" icon={<Delete20Regular />} aria-label={`${t('admin.queues.delete')} ${queue.name}`} onClick={() => setRemoving(true)}>
              {t('admin.queues.delete')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function NewQueue({ units, onCreated }: { units: Unit[]; onCreated: (status: string) => void }) {
  const styles = useStyles();
  const { client, t } = useServices();
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  async function create() {
    if (!name.trim()) {
      setErrors([{ field: 'name', message: t('admin.required') }]);
      return;
    }
    setErrors([]);
    setProblem(null);
    try {
      const queue = await client.createQueue({ name: name.trim(), unitId: unitId || null });
      setName('');
      setUnitId('');
      onCreated(t('admin.queues.created', { name: queue.name }));
    } catch (failure) {
      const view = describeProblem(failure, t);
      setErrors(view.fieldErrors);
      setProblem(view.message);
    }
  }

  return (
    <form
      noValidate
      aria-label={t('admin.queues.new')}
      className={styles.row}
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      {problem && <AdminProblem text={problem} />}
      <Field label={t('admin.queues.name')} required validationMessage={errorAt(errors, 'name')}>
        <Input value={name} onChange={(_, data) => setName(data.value)} />
      </Field>
      <Field label={t('admin.form.unit')} validationMessage={errorAt(errors, 'unitId')}>
        <Select value={unitId} onChange={(_, data) => setUnitId(data.value)}>
          <option value="">{t('admin.form.none')}</option>
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" icon={<Add20Regular />}>
        {t('admin.queues.create')}
      </Button>
    </form>
  );
}
