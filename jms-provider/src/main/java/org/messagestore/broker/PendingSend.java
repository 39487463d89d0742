package org.messagestore.broker;

/** A message sent in a transacted session, waiting for commit (Jakarta Messaging 3.1, 6.2.7 "Transactions"). */
record PendingSend(BrokerMessage message, Address address) {
}
