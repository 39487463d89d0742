package org.messagestore.broker;

/**
 * The broker-wide parts every {@link MessageQueue} works with. Created once per broker by
 * {@link BrokerServices#create}.
 *
 * @param scheduler     wakes dispatch when a held message becomes due
 * @param undeliverable takes away messages over their delivery limit, and expired ones
 * @param memory        the broker's memory limit, which counts what queues hold
 * @param pager         reads pages of paging queues from the store
 * @param pagingWindow  references a durable queue holds in memory at most ({@link FlowControl#pagingWindow()})
 */
record QueueContext(DeliveryScheduler scheduler, UndeliverableRouter undeliverable, MemoryLimit memory, PageReader pager,
                    int pagingWindow) {
}
