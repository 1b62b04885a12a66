window.chatWidget = { ready: true };
