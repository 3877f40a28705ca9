import { startOrExplain } from '../app/start.tsx';
import { CasePage } from '../features/case/CasePage.tsx';

// One case alone: a stage view, a link from the bot or the add-in, or the web outside Teams.
// In a Teams stage view the case is in the page's address (`?case=`), not in the context.
const fromAddress = new URL(window.location.href).searchParams.get('case');
startOrExplain((host) => <CasePage caseRef={host.context().subEntityId ?? fromAddress} />);
