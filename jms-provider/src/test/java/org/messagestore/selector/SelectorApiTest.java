package org.messagestore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagestore.selector.Selectors.message;

import jakarta.jms.InvalidSelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SelectorApiTest {

    @Test
    void expressionIsKeptExactlyAsGiven() throws InvalidSelectorException {
        assertThat(Selector.parse("  a = 1  ").expression()).isEqualTo("  a = 1  ");
    }

    @Test
    void emptyOrBlankSelectorMatchesEveryMessage() throws InvalidSelectorException {
        // §3.8.1.1: an empty selector is treated as no selector.
        assertThat(Selector.parse("").matches(message())).isTrue();
        assertThat(Selector.parse(" \t\n").matches(message("a", 1))).isTrue();
    }

    @Test
    void nullExpressionIsRejected() {
        assertThatThrownBy(() -> Selector.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void selectorsWithTheSameExpressionAreEqual() throws InvalidSelectorException {
        assertThat(Selector.parse("a = 1")).isEqualTo(Selector.parse("a = 1"))
                .hasSameHashCodeAs(Selector.parse("a = 1"))
                .isNotEqualTo(Selector.parse("a = 2"));
        assertThat(Selector.parse("a = 1")).hasToString("Selector[a = 1]");
    }

    @Test
    void oneParsedSelectorServesManyThreadsAtOnce() throws Exception {
        Selector selector = Selector.parse("n BETWEEN 100 AND 199 AND s LIKE 'x%' AND s NOT IN ('xz')");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    int matched = 0;
                    for (int n = 0; n < 1_000; n++) {
                        if (selector.matches(message("n", n, "s", n % 2 == 0 ? "xy" : "xz"))) {
                            matched++;
                        }
                    }
                    return matched;
                });
            }
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(50);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
