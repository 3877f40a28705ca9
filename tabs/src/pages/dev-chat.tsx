import { createRoot } from 'react-dom/client';
import { DevChat } from '../dev/DevChat.tsx';

// The simulated Teams chat of `npm start` (/dev/chat): real activities to the bot at /api/messages.
createRoot(document.getElementById('root')!).render(<DevChat />);
