/* svg.c - graph.svg (with --svg): the diagram as rendered once by dot.c's
 * dx_render_svg for this run. */
#include "base/error.h"
#include "export/writer.h"

int dx_write_svg(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    if (!x->svg) {
        dx_error_set(err, DOSSIER_EIO, "graph.svg", 0, "the diagram could not be rendered: %s",
                     x->svg_why ? x->svg_why : "");
        return DOSSIER_EIO;
    }
    if (fwrite(x->svg, 1, x->svg_len, fp) != x->svg_len) {
        dx_error_set(err, DOSSIER_EIO, "graph.svg", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}
