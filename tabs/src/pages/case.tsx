import { startOrExplain } from '../app/start.tsx';
import { CasePage } from '../features/case/CasePage.tsx';

// One case alone: a stage view, a link from the bot or the add-in, or the web outside Teams.
startOrExplain((host) => <CasePage caseRef={host.context().subEntityId} />);
