var version = "4.3.3";

export { version };
