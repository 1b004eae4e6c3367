package dev.servicemetrics.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenVersionsTest {

    final SeenVersions seen = new SeenVersions(3);

    @Test
    void newerVersionsPassInOrder() {
        assertTrue(seen.noticed(1, 1));
        assertTrue(seen.pushing(1, 1));
        assertTrue(seen.noticed(1, 2));
        assertTrue(seen.pushing(1, 2));
    }

    @Test
    void olderNoticeIsDropped() {
        assertTrue(seen.noticed(1, 3));
        assertTrue(seen.pushing(1, 3));
        assertFalse(seen.noticed(1, 2));
    }

    @Test
    void aNoteOfTheVersionAlreadyPushedStillPasses() {
        assertTrue(seen.noticed(1, 2));
        assertTrue(seen.pushing(1, 2));
        assertTrue(seen.noticed(1, 2), "a note leaves the version as it is");
    }

    @Test
    void noticeOfAVersionPushedEarlyIsDroppedOnce() {
        assertTrue(seen.noticed(1, 1));
        assertTrue(seen.pushing(1, 2), "handling notice 1 read the incident at version 2 already");
        assertFalse(seen.noticed(1, 2), "notice 2 would repeat what was pushed");
        assertTrue(seen.noticed(1, 2), "a later note at version 2 is news");
    }

    @Test
    void stateOlderThanWhatWasPushedIsNeverPushed() {
        assertTrue(seen.pushing(1, 4));
        assertFalse(seen.pushing(1, 3));
    }

    @Test
    void resynchronisationPushesOnlyWhatIsNewer() {
        assertTrue(seen.newer(1, 1), "never seen");
        seen.pushing(1, 2);
        assertFalse(seen.newer(1, 2));
        assertTrue(seen.newer(1, 3));
    }

    @Test
    void memoryIsBoundedAndAForgottenIncidentPassesAgain() {
        for (long id = 1; id <= 10; id++) {
            seen.noticed(id, 5);
            seen.pushing(id, 5);
        }
        assertEquals(3, seen.size());
        assertTrue(seen.newer(1, 5), "incident 1 was forgotten");
        assertFalse(seen.newer(10, 5));
    }
}
