package dev.mlproj.rubric;

/**
 * What makes a project belong to a level at all (seed 000's characteristics of that level), as opposed to
 * the supporting practices that only say how strong it is there.
 *
 * @param practice the practice in one sentence, as reports show it
 * @param source   the seed sentence it comes from
 * @param detect   holds when the practice is present in substance
 * @param holdsLevelBelow the level's criteria reaching its threshold without the practice still place the
 *                 project one level below (a deployment stack around no served model is structured work), when
 *                 the level below has its own defining practice or {@code holdsWhen} holds
 * @param holdsWhen optional (null): what else, besides the level below's defining practice, shows the work
 *                 is beyond the levels further down (a model served but not packaged)
 */
public record DefiningPractice(String practice, String source, Detector detect, boolean holdsLevelBelow, Detector holdsWhen) {

    public DefiningPractice(String practice, String source, Detector detect, boolean holdsLevelBelow) {
        this(practice, source, detect, holdsLevelBelow, null);
    }
}
