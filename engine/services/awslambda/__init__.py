"""Lambda: functions (`function`) and the rules of their event source mappings; the
mappings themselves (`engine.polling`) see the function as an `Invoker`."""
