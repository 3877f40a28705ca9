import { useState } from 'react';
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { MailRegistrationRef, MailRegistrationResult } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { problemText } from '../../components/problem.ts';
import { useAsync } from '../../components/use-async.ts';
import type { ReadMail } from '../../host/mail-host.ts';
import { AlreadyRegistered } from './AlreadyRegistered.tsx';
import { RegisterForm } from './RegisterForm.tsx';
import { RegistrationResult } from './RegistrationResult.tsx';

/**
 * A mail open for reading: first, where it is registered already; then the form to register
 * it (or, when it is registered, to register it in another case as well); then the result.
 */
export function RegisterMailPane({ mail }: { mail: ReadMail }) {
  const { client, t } = useServices();
  const [round, setRound] = useState(0);
  const [again, setAgain] = useState(false);
  const [done, setDone] = useState<{ result: MailRegistrationResult; caseTitle: string } | null>(null);
  const lookup = useAsync(
    async (): Promise<MailRegistrationRef[]> =>
      mail.internetMessageId ? client.mailRegistrations({ internetMessageId: mail.internetMessageId }) : [],
    [mail, round],
  );

  if (done) {
    return (
      <RegistrationResult
        result={done.result}
        caseTitle={done.caseTitle}
        onAnother={() => {
          setDone(null);
          setAgain(true);
          setRound((r) => r + 1);
        }}
      />
    );
  }
  if (lookup.status === 'loading') return <Spinner size="small" label={t('app.loading')} />;

  const registrations = lookup.status === 'done' ? lookup.value : [];
  const registered = registrations.length > 0;
  return (
    <>
      {lookup.status === 'failed' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t('registered.lookupFailed', { detail: problemText(lookup.error, t) })}</MessageBarBody>
        </MessageBar>
      )}
      {registered && <AlreadyRegistered registrations={registrations} onRegisterAgain={again ? undefined : () => setAgain(true)} />}
      {(!registered || again) && (
        <RegisterForm
          key={round}
          mail={mail}
          registeredIn={registrations}
          alsoInOtherCase={registered}
          onDone={(result, caseTitle) => setDone({ result, caseTitle })}
          onCancel={registered ? () => setAgain(false) : undefined}
        />
      )}
    </>
  );
}
