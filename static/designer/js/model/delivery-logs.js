// SNS delivery-status log entries of a run (no DOM): the engine traces each entry a topic
// writes as a `delivery-log` event; here each becomes what CloudWatch Logs shows for it
// ("Amazon SNS message delivery status"): its log group (`sns/<region>/<account>/<topic>`,
// failures in `.../Failure`), its time, and its message, the JSON SNS writes. The newest
// MAX_ENTRIES are kept; `counts` tells how many each group got in all.

export const MAX_ENTRIES = 2000;
const SIM_EPOCH_MS = Date.UTC(2026, 0, 1); // the engine's simulated clock starts here

// "2026-01-01T00:00:05.250Z" as SNS writes a notification's timestamp: "2026-01-01 00:00:05.250".
export function notificationTime(iso) {
  return String(iso || '').replace('T', ' ').replace(/Z$/, '');
}

export function logEntry(event) {
  return {
    group: event.logGroup,
    status: event.status,
    time: new Date(SIM_EPOCH_MS + Math.round(event.t * 1000)).toISOString(),
    topic: event.node,
    target: event.target,
    protocol: event.protocol,
    message: {
      notification: {
        messageMD5Sum: event.messageMD5Sum,
        messageId: event.messageId,
        topicArn: event.topicArn,
        timestamp: notificationTime(event.publishedAt),
      },
      delivery: {
        deliveryId: event.deliveryId,
        destination: event.destination,
        providerResponse: event.providerResponse,
        dwellTimeMs: event.dwellTimeMs,
        attempts: event.attempts,
        statusCode: event.statusCode,
      },
      status: event.status,
    },
  };
}

export class DeliveryLogs {
  constructor(bus) {
    this.bus = bus;
    this.clear();
    bus.on('live:events', ({ events }) => this.add(events));
    bus.on('live:history', ({ events }) => this.add(events));
    bus.on('live:cleared', () => {
      this.clear();
      bus.emit('deliverylogs:change', { logs: this });
    });
  }

  clear() {
    this.entries = [];
    this.counts = new Map(); // log group -> entries written
  }

  add(events) {
    let added = 0;
    for (const event of events) {
      if (event.event !== 'delivery-log') continue;
      const entry = logEntry(event);
      this.entries.push(entry);
      this.counts.set(entry.group, (this.counts.get(entry.group) || 0) + 1);
      added += 1;
    }
    if (!added) return;
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.bus.emit('deliverylogs:change', { logs: this });
  }

  // The newest `limit` entries of one group ('' for all), newest first.
  query(group = '', limit = 200) {
    const rows = [];
    for (let i = this.entries.length - 1; i >= 0 && rows.length < limit; i -= 1) {
      if (!group || this.entries[i].group === group) rows.push(this.entries[i]);
    }
    return rows;
  }
}
