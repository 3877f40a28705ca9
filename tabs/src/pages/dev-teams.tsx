import { createRoot } from 'react-dom/client';
import { DevTeams } from '../dev/DevTeams.tsx';

// The simulated Teams of `npm start`: it frames the real tab pages.
createRoot(document.getElementById('root')!).render(<DevTeams />);
