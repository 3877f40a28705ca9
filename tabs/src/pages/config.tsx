import { startOrExplain } from '../app/start.tsx';
import { ConfigureTab } from '../features/channel/ConfigureTab.tsx';
import { RemoveTab } from '../features/channel/RemoveTab.tsx';

// The channel tab's configuration page; with `?remove=1` (the tab's removeUrl), its remove page.
const removing = new URL(window.location.href).searchParams.has('remove');
startOrExplain((host) => (removing ? <RemoveTab configurator={host.configurator()} /> : <ConfigureTab configurator={host.configurator()} />));
