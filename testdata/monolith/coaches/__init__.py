"""Coach tools: student lists, coach requests and class reports."""
