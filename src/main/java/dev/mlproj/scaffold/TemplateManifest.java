package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;
import dev.mlproj.config.Fields;
import dev.mlproj.config.YamlNode;
import dev.mlproj.config.YamlReader;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code templates/levelN/manifest.yaml}: what a level's skeleton is, which other template trees it
 * builds on, and which of its output files satisfy which criteria (what {@code mlproj next} may write
 * into someone else's repository).
 *
 * @param layers   template trees rendered before this level's own base, e.g. {@code shared/service}
 * @param provides output paths (with template variables) by the criterion they satisfy
 */
public record TemplateManifest(String title, String description, List<String> layers, List<Provision> provides) {

    /** @param files output paths, written with variables such as {@code {{packageDir}}} */
    public record Provision(String criterion, List<String> files) { }

    public TemplateManifest {
        layers = List.copyOf(layers);
        provides = List.copyOf(provides);
    }

    public static TemplateManifest parse(String file, String text) throws ConfigException {
        YamlNode root = new YamlReader().read(file, text);
        Fields fields = new Fields(file, root, "a template manifest");
        String title = fields.string("title");
        String description = fields.string("description");
        List<String> layers = fields.stringList("layers");
        for (String layer : layers) {
            if (!TemplatePaths.isSafeRelative(layer)) {
                throw new ConfigException(file, fields.node("layers").at(), "layer '" + layer + "' must be a relative path inside templates/");
            }
        }
        List<Provision> provides = new ArrayList<>();
        YamlNode node = fields.node("provides");
        if (node != null && !(node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL)) {
            if (!(node instanceof YamlNode.Sequence seq)) {
                throw new ConfigException(file, node.at(), "'provides' must be a list, not " + node.describe());
            }
            for (YamlNode item : seq.items()) {
                Fields entry = new Fields(file, item, "a 'provides' entry");
                String criterion = entry.string("criterion");
                List<String> files = entry.stringList("files");
                entry.done();
                if (files.isEmpty()) {
                    throw new ConfigException(file, item.at(), "'provides' entry for " + criterion + " lists no files");
                }
                for (String path : files) {
                    if (!TemplatePaths.isSafeRelative(path)) {
                        throw new ConfigException(file, item.at(), "file '" + path + "' must be a relative path inside the project");
                    }
                }
                provides.add(new Provision(criterion, files));
            }
        }
        fields.done();
        return new TemplateManifest(title, description, layers, provides);
    }
}
