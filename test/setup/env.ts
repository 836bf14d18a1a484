// Tests never print mail to stdout or JSON access logs unless asked to.
process.env.LOG_LEVEL ??= 'error';
