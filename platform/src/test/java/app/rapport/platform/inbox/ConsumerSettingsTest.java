package app.rapport.platform.inbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerSettingsTest {

    @Test
    void byDefaultAHandlerHasOneMemberPerTwoCoresAtLeastOneAndAtMostThree() {
        assertThat(ConsumerSettings.membersFor(1)).isEqualTo(1);
        assertThat(ConsumerSettings.membersFor(2)).isEqualTo(1);
        assertThat(ConsumerSettings.membersFor(4)).isEqualTo(2);
        assertThat(ConsumerSettings.membersFor(6)).isEqualTo(3);
        assertThat(ConsumerSettings.membersFor(64)).isEqualTo(3);
    }

    @Test
    void aConfiguredNumberOfMembersIsTakenAsItIs() {
        ConsumerSettings settings = new ConsumerSettings();
        settings.setConcurrency(5);
        assertThat(settings.getConcurrency()).isEqualTo(5);
        settings.setConcurrency(0);
        assertThat(settings.getConcurrency())
                .isEqualTo(ConsumerSettings.membersFor(Runtime.getRuntime().availableProcessors()));
    }
}
