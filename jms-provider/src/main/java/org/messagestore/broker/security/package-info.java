/**
 * Who may connect to a broker and what they may do there.
 *
 * <p>Authentication: a {@link org.messagestore.broker.security.ConnectionLogin} per broker asks an
 * {@link org.messagestore.broker.security.Authenticator} ({@code NoAuthentication},
 * {@code PlainUsersAuthenticator}, {@code UsersFileAuthenticator} with
 * {@link org.messagestore.broker.security.PasswordHash} hashes, or {@code JaasAuthenticator}) for the
 * {@link org.messagestore.broker.security.Identity} of each connection.
 *
 * <p>Authorization: {@link org.messagestore.broker.security.AccessRules} grant
 * {@link org.messagestore.broker.security.Permission}s on destinations matching a
 * {@link org.messagestore.broker.security.DestinationPattern} to roles; the broker's connections
 * check them through an {@link org.messagestore.broker.security.AccessControl}. Both come together
 * in {@link org.messagestore.broker.security.SecurityConfig}.
 */
package org.messagestore.broker.security;
