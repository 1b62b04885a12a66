"""Pure helpers of the dead-navigation check."""
