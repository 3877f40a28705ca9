import { startOrExplain } from '../app/start.tsx';
import { MyWork } from '../features/mine/MyWork.tsx';

// The personal tab "Mitt arbete"; a deep link's subEntityId (a case number) opens that case.
startOrExplain((host) => <MyWork initialCase={host.context().subEntityId} />);
