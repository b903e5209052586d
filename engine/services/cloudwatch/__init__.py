"""CloudWatch: alarms on a node's metrics (`alarm`) and what they publish (`messages`)."""
