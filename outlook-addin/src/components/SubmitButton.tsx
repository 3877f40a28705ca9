import { Button, Spinner } from '@fluentui/react-components';

/** The form's primary button: it says what is happening while the request runs, and stays focusable. */
export function SubmitButton({ submitting, label, busyLabel }: { submitting: boolean; label: string; busyLabel: string }) {
  return (
    <>
      <Button type="submit" appearance="primary" disabledFocusable={submitting}>
        {submitting ? busyLabel : label}
      </Button>
      {submitting && <Spinner size="extra-tiny" aria-hidden />}
    </>
  );
}
