"""Videos, articles and the topic tree."""
