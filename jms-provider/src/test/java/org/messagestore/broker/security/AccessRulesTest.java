package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.messagestore.model.DestinationName;

class AccessRulesTest {

    private static final Identity APP = new Identity("ann", Set.of("app"));
    private static final Identity ADMIN = new Identity("adm", Set.of("admin"));
    private static final Identity OTHER = new Identity("oz", Set.of("other"));
    private static final DestinationName ORDERS_NEW = DestinationName.queue("orders.new");

    private static AccessRules rules(String... lines) {
        return AccessRules.parse("test-rules", List.of(lines));
    }

    @Test
    void listedRolesHaveThePermissionAndOthersDoNot() {
        AccessRules rules = rules("queue:orders.* = send:app,producer; consume:app; browse:admin");

        assertThat(rules.permits(APP, Permission.SEND, ORDERS_NEW)).isTrue();
        assertThat(rules.permits(new Identity("p", Set.of("producer")), Permission.SEND, ORDERS_NEW)).isTrue();
        assertThat(rules.permits(OTHER, Permission.SEND, ORDERS_NEW)).isFalse();
        assertThat(rules.permits(APP, Permission.BROWSE, ORDERS_NEW)).isFalse();
        assertThat(rules.permits(ADMIN, Permission.BROWSE, ORDERS_NEW)).isTrue();
    }

    @Test
    void defaultDecidesWhereNoRuleDoes() {
        assertThat(rules("queue:orders.* = send:app").permits(OTHER, Permission.CONSUME, ORDERS_NEW)).isTrue();
        assertThat(rules("default = deny", "queue:orders.* = send:app").permits(APP, Permission.CONSUME, ORDERS_NEW)).isFalse();
        assertThat(rules("default = deny").permits(APP, Permission.SEND, DestinationName.queue("x"))).isFalse();
        assertThat(rules().allowsEverything()).isTrue();
        assertThat(rules("default = deny").allowsEverything()).isFalse();
    }

    @Test
    void firstRuleThatNamesThePermissionDecides() {
        AccessRules rules = rules("default = deny",
                "queue:orders.new = send:other",
                "queue:orders.* = send:app; consume:app");

        assertThat(rules.permits(OTHER, Permission.SEND, ORDERS_NEW)).isTrue();
        assertThat(rules.permits(APP, Permission.SEND, ORDERS_NEW)).isFalse();
        // The first rule says nothing about consume, so the second decides.
        assertThat(rules.permits(APP, Permission.CONSUME, ORDERS_NEW)).isTrue();
    }

    @Test
    void adminImpliesEveryPermission() {
        AccessRules rules = rules("default = deny", "queue:> = admin:admin");

        for (Permission permission : Permission.values()) {
            assertThat(rules.permits(ADMIN, permission, ORDERS_NEW)).as(permission.label()).isTrue();
            assertThat(rules.permits(APP, permission, ORDERS_NEW)).as(permission.label()).isFalse();
        }
    }

    @Test
    void starRoleMeansEveryConnectionIncludingAnonymous() {
        AccessRules rules = rules("default = deny", "topic:prices.> = consume:*");

        assertThat(rules.permits(Identity.anonymous(), Permission.CONSUME, DestinationName.topic("prices.eur"))).isTrue();
        assertThat(rules.permits(Identity.anonymous(), Permission.SEND, DestinationName.topic("prices.eur"))).isFalse();
    }

    @Test
    void anonymousConnectionsHaveTheAnonymousRole() {
        AccessRules rules = rules("default = deny", "queue:public = send:anonymous");

        assertThat(rules.permits(Identity.anonymous(), Permission.SEND, DestinationName.queue("public"))).isTrue();
        assertThat(rules.permits(APP, Permission.SEND, DestinationName.queue("public"))).isFalse();
    }

    @Test
    void temporaryDestinationsAreOutsideTheRules() {
        AccessRules rules = rules("default = deny");

        assertThat(rules.permits(OTHER, Permission.SEND,
                new DestinationName(DestinationName.Kind.TEMPORARY_QUEUE, "tmp-1"))).isTrue();
    }

    @Test
    void mistakesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> rules("# c", "queue:a = write:app"))
                .hasMessageContaining("test-rules, line 2").hasMessageContaining("unknown permission 'write'");
        assertThatThrownBy(() -> rules("queue:a send:app")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> rules("default = maybe")).hasMessageContaining("allow or deny");
        assertThatThrownBy(() -> rules("queue:a = send:app; send:other")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> rules("queue:a = send:")).hasMessageContaining("empty role");
        assertThatThrownBy(() -> rules("place:a = send:app")).hasMessageContaining("line 1");
    }

    @Test
    void deniedCheckNamesUserPermissionAndDestination() {
        AccessControl access = new AccessControl(rules("default = deny"), APP);

        assertThatThrownBy(() -> access.check(Permission.BROWSE, ORDERS_NEW))
                .isInstanceOf(jakarta.jms.JMSSecurityException.class)
                .hasMessage("user 'ann' lacks permission 'browse' on queue 'orders.new'");
    }

    @Test
    void brokerLineNamesWhoMayManageTheBroker() {
        assertThat(rules("broker = admin:admin").permitsManagement(ADMIN)).isTrue();
        assertThat(rules("broker = admin:admin").permitsManagement(APP)).isFalse();
        assertThat(rules("broker = admin:*").permitsManagement(OTHER)).isTrue();
        // without the line, the default decides
        assertThat(rules().permitsManagement(APP)).isTrue();
        assertThat(rules("default = deny").permitsManagement(ADMIN)).isFalse();
        assertThat(rules("broker = admin:admin").allowsEverything()).isFalse();
    }

    @Test
    void brokerLineGrantsOnlyAdminAndOnlyOnce() {
        assertThatThrownBy(() -> rules("broker = send:app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'broker' grants only admin");
        assertThatThrownBy(() -> rules("broker = admin:a", "broker = admin:b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'broker' is given twice");
    }
}
