package dev.mlproj.rubric;

/**
 * What makes a project belong to a level at all (seed 000's characteristics of that level), as opposed to
 * the supporting practices that only say how strong it is there.
 *
 * @param practice the practice in one sentence, as reports show it
 * @param source   the seed sentence it comes from
 * @param detect   holds when the practice is present in substance
 * @param holdsLevelBelow the level's criteria reaching its threshold without the practice still place the
 *                 project one level below (a deployment stack around no served model is structured work)
 */
public record DefiningPractice(String practice, String source, Detector detect, boolean holdsLevelBelow) {
}
