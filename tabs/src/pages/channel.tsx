import { startOrExplain } from '../app/start.tsx';
import { ChannelTab } from '../features/channel/ChannelTab.tsx';

// The channel tab's content page: the case the channel is bound to.
startOrExplain(() => <ChannelTab />);
