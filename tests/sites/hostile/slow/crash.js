// never reached in time
